"""Tasks: the numbered work items under the parts that assign work, with their units and deadlines.

A notice assigns work in parts headed 重点任务, 主要任务, 主要内容, 保障措施, 推进措施, 进度安排 and the
like; the items numbered inside them, at the deepest level each branch reaches, are its tasks:

    >>> from .outline import parse_outline
    >>> text = "二、重点任务 (一)完善功能规划布局。 1.开展五规合一试点。结合永久基本农田划定…"
    >>> [(t.path, t.title, t.text) for t in extract_tasks(text, parse_outline(text), reference_date=None)]
    [('二/(一)/1', '开展五规合一试点', '结合永久基本农田划定…')]

Parts that only set the scene (指导思想, 基本原则, 发展目标) hold no tasks. A notice whose top-level
headings are themselves actions (一、切实发挥带动作用 二、提升城市商业能级) lists its tasks in them. A table of
tasks (序号 | 任务 | 责任单位 | 完成时限 |) gives one task per row.
"""

from __future__ import annotations

import re
from datetime import date

from .deadlines import extract_deadlines, title_year
from .outline import split_lead
from .types import OutlineNode, Task
from .units import extract_units

# Headings of the parts that assign work: 重点任务, 主要工作任务, 保障措施, 推进措施, 组织实施, 进度安排 …
_WORK_PART = re.compile(
    r"(?:任务|措施|举措|保障|组织实施|实施路径|步骤|进度安排|时间安排|工作安排|分工|任务分解|重点工程"
    r"|重点工作|主要工作|主要内容|工作内容|试点内容|工作要求|有关要求|保障机制|推进机制|工作机制|重点行动|专项行动|主要行动)"
    r"(?:[和及与][\u4e00-\u9fff]{2,6})?$"
)
# Parts that set the scene, whatever their last word: 总体要求, 发展目标, 指导思想 and its kin.
_SCENE_PART = re.compile(r"总体要求|目标|指导思想|基本原则|总体思路|意义|现状|形势|回顾|总则|附则|适用范围|定义|说明")
_WORK_HEADING_MAX = 16
_COMPOUND_TAIL = re.compile(r"[和及与][\u4e00-\u9fff]{2,6}$")
_SCENE_HEADING = re.compile(r"[^和及与]{0,6}(?:目标|指导思想|基本原则|总体思路|重要意义|发展现状|面临形势|总体要求)")
# Action verbs that open a heading which is itself a task (一、切实发挥带动作用).
_ACTION = re.compile(
    r"^(?:切实|进一步|全面|大力|积极|着力|认真|扎实|持续|深入|坚决|稳步|继续)?"
    r"(?:加强|加快|加大|推进|推动|强化|完善|建立|健全|提升|提高|实施|开展|支持|深化|优化|落实|做好|抓好|严格|扩大|促进"
    r"|培育|打造|构建|创新|鼓励|引导|规范|明确|统筹|发挥|发展|建设|壮大|营造|保障|拓展|探索|狠抓|把|抓|搞好|确保|突出|聚焦"
    r"|用好|激发|增强|夯实|补齐|筑牢|防范|维护|简化|降低|减轻|落细|压实|建好|办好|管好|推行|推广|贯彻|坚持|加速|实行"
    r"|保持|组织|形成|整合|改革|改善|改进|保护|治理|引进|培养|谋划|围绕|履行|系统布局|着眼|立足|集中|重视|高度重视)"
)
# What ends a task's title: the first 。, a colon, the line's end, or the space after an inline heading.
_TITLE_STOPS = "。:\n"
_UNITS_IN_BRACKETS = re.compile(r"\((?:[^()]*(?:牵头|负责|配合|责任单位|责任部门|参与))[^()]*\)\s*$")


def extract_tasks(text: str, outline: tuple[OutlineNode, ...], *, reference_date: date | None) -> tuple[Task, ...]:
    """The notice's tasks in document order: outline items first, then rows of task tables.

    >>> from .outline import parse_outline
    >>> text = "三、保障措施\\n(一)加强组织领导\\n成立领导小组。\\n(二)强化督查考核\\n建立督查评估机制。"
    >>> [(t.path, t.title, t.text) for t in extract_tasks(text, parse_outline(text), reference_date=None)]
    [('三/(一)', '加强组织领导', '成立领导小组。'), ('三/(二)', '强化督查考核', '建立督查评估机制。')]
    """
    # Read as the whole notice is read: without a date of its own, in its title's year (2015年…工作方案).
    reference_date = reference_date or title_year(text)
    items = [_outline_task(text, node, reference_date) for node in _task_nodes(outline)]
    return tuple(items) + _table_tasks(text, reference_date)


def _task_nodes(outline: tuple[OutlineNode, ...]) -> list[OutlineNode]:
    """The leaves under every work part, and under every top-level action when those make up the notice."""
    chosen: set[int] = set()
    for index, node in enumerate(outline):
        if _is_work_part(node):
            chosen.update(_subtree(outline, index, include_self=False))
    for index in _action_chapters(outline):
        chosen.update(_subtree(outline, index, include_self=True))
    # A part that sets a scene inside a work part (二、主要任务和目标 / (一)主要目标) holds no tasks either.
    for index, node in enumerate(outline):
        if _SCENE_HEADING.fullmatch(node.heading):
            chosen.difference_update(_subtree(outline, index, include_self=True))
    return [outline[index] for index in sorted(chosen) if _is_leaf(outline, index)]


def _is_work_part(node: OutlineNode) -> bool:
    heading = node.heading
    head = _COMPOUND_TAIL.sub("", heading)  # 主要任务和目标: its goals are set apart below
    return len(heading) <= _WORK_HEADING_MAX and bool(_WORK_PART.search(heading)) and not _SCENE_PART.search(head)


def _action_chapters(outline: tuple[OutlineNode, ...]) -> list[int]:
    # Top-level headings that are actions (二、加快行业转型升级) are items, when, with the work parts, they
    # make up most of the notice: a 管理办法's 第一章 or a 号牌 standard is no task list.
    chosen = []
    for top in _top_level_runs(outline):
        actions = [index for index in top if _is_action(outline[index])]
        working = [index for index in top if _is_work_part(outline[index])]
        if (len(actions) + len(working)) * 2 >= len(top):
            chosen += actions
    return chosen


def _top_level_runs(outline: tuple[OutlineNode, ...]) -> list[list[int]]:
    # Each run of top-level headings numbered from 一 again (a covering notice, then its plan or an
    # attachment) is judged on its own.
    runs: list[list[int]] = []
    seen: set[str] = set()
    for index, node in enumerate(outline):
        if node.level != 1 or node.marker.startswith("第"):
            continue
        if not runs or node.path in seen:
            runs.append([])
            seen = set()
        runs[-1].append(index)
        seen.add(node.path)
    return runs


def _is_action(node: OutlineNode) -> bool:
    # Any clause may carry the verb: 以深化执行模式变革为主线,切实解决执行难.
    clauses = re.split(r"[,,;]", node.heading)
    acting = any(_ACTION.match(clause) for clause in clauses)
    return acting and not _SCENE_PART.search(node.heading) and not _is_work_part(node)


def _subtree(outline: tuple[OutlineNode, ...], index: int, *, include_self: bool) -> list[int]:
    level = outline[index].level
    members = [index] if include_self else []
    for later in range(index + 1, len(outline)):
        if outline[later].level <= level:
            break
        members.append(later)
    return members


def _is_leaf(outline: tuple[OutlineNode, ...], index: int) -> bool:
    return index + 1 == len(outline) or outline[index + 1].level <= outline[index].level


def _outline_task(text: str, node: OutlineNode, reference_date: date | None) -> Task:
    title, body = _split_title(text, node)
    span = text[node.start : node.end]
    return Task(
        path=node.path,
        title=title,
        text=body or title,
        units=extract_units(span),
        deadlines=extract_deadlines(span, reference_date=reference_date, offset=node.start),
        start=node.start,
        end=node.end,
    )


def _split_title(text: str, node: OutlineNode) -> tuple[str, str]:
    """`1.开展行政管理套合。按照统一领导…` → ("开展行政管理套合", "按照统一领导…")."""
    item = text[node.start + len(node.marker) : node.end].lstrip()
    title, body = split_lead(item, stops=_TITLE_STOPS)
    if not title.strip():  # `(一)\n加强组织领导。…`: the title is on the next line
        title, body = split_lead(body.lstrip(), stops=_TITLE_STOPS)
    # The units in brackets after a title (加快重大项目建设(市发改委牵头)) are the task's, not its name.
    return _UNITS_IN_BRACKETS.sub("", title).strip(" ,、;"), body.strip()


# --- tables of tasks -------------------------------------------------------------------------------

_TASK_COLUMN = re.compile(r"任务|工作内容|工作措施|具体措施|主要内容|重点工作|工作事项|事项|举措")
_UNIT_COLUMN = re.compile(r"责任|牵头|配合|协办|主办|单位|部门")
_SUPPORT_COLUMN = re.compile(r"配合|协办|参与|协助")
_TIME_COLUMN = re.compile(r"时限|时间|完成|进度|节点")
# A grading table (考核项目 | 分值 | 考核内容及赋分标准 | 牵头单位) scores work, it does not assign it.
_SCORE_COLUMN = re.compile(r"分值|分数|赋分|权重|得分")
_NUMBER_COLUMN = re.compile(r"序号|编号|^号$")
_ATTACHMENT_LABEL = re.compile(r"^[ \t\u3000]*(附件|附表)[ \t]*(\d{1,2})?[ \t]*$", re.M)


def _table_tasks(text: str, reference_date: date | None) -> tuple[Task, ...]:
    """One task per row of each table whose header names a task column and a unit or time column.

    >>> rows = "序号 | 工作任务 | 责任单位 | 完成时限 |\\n1 | 制定实施方案。 | 市发改委 | 6月底前 |"
    >>> [(t.path, t.title, t.text) for t in _table_tasks(rows, None)]
    [('表/1', '制定实施方案', '1 | 制定实施方案。 | 市发改委 | 6月底前 |')]
    """
    tasks: list[Task] = []
    for lines in _table_blocks(text):
        found = _header(lines)
        if found is None:
            continue
        first, columns = found
        width = len(_cells(lines[first][2]))
        label = _table_label(text, lines[0][0])
        for number, (start, end, line) in enumerate(lines[first + 1 :], start=1):
            task = _row_task(
                text, start, end, _align(_cells(line), width), columns, f"{label}/{number}", reference_date
            )
            if task:
                tasks.append(task)
    return tuple(tasks)


def _header(lines: list[tuple[int, int, str]]) -> tuple[int, dict] | None:
    # The header is the first row naming the columns; a caption row may come before it.
    for index, (_start, _end, line) in enumerate(lines[:2]):
        columns = _task_columns(_cells(line))
        if columns is not None:
            return index, columns
    return None


def _table_blocks(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of consecutive table lines (two | or more), each line with its offsets."""
    blocks: list[list[tuple[int, int, str]]] = []
    start, previous_was_row = 0, False
    for line in text.split("\n"):
        is_row = line.count("|") >= 2
        if is_row:
            if not previous_was_row:
                blocks.append([])
            blocks[-1].append((start, start + len(line), line))
        previous_was_row = is_row
        start += len(line) + 1
    return blocks


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _task_columns(header: list[str]) -> dict | None:
    if any(_SCORE_COLUMN.search(cell) for cell in header):
        return None
    task = next((i for i, cell in enumerate(header) if _TASK_COLUMN.search(cell)), None)
    units = [i for i, cell in enumerate(header) if _UNIT_COLUMN.search(cell) and i != task]
    times = [i for i, cell in enumerate(header) if _TIME_COLUMN.search(cell) and i != task]
    if task is None or not (units or times):
        return None
    number = next((i for i, cell in enumerate(header) if _NUMBER_COLUMN.search(cell)), None)
    roles = {i: ("配合单位" if _SUPPORT_COLUMN.search(header[i]) else "牵头单位") for i in units}
    return {"task": task, "number": -1 if number is None else number, "units": roles}


def _align(cells: list[str], width: int) -> list[str]:
    # A row with merged cells on the left (a category spanning rows) has fewer cells: its own cells
    # are the rightmost ones.
    return [""] * (width - len(cells)) + cells if len(cells) < width else cells


def _table_label(text: str, start: int) -> str:
    labels = [m for m in _ATTACHMENT_LABEL.finditer(text, 0, start)]
    if labels:
        return f"{labels[-1].group(1)}{labels[-1].group(2) or ''}"
    return "表"


def _row_task(
    text: str, start: int, end: int, cells: list[str], columns: dict, path: str, reference_date: date | None
) -> Task | None:
    cell = cells[columns["task"]] if columns["task"] < len(cells) else ""
    if not cell:
        return None
    number = cells[columns["number"]] if 0 <= columns["number"] < len(cells) else ""
    if number and re.fullmatch(r"\d{1,3}", number):
        path = f"{path.rsplit('/', 1)[0]}/{number}"
    title = split_lead(cell, stops=_TITLE_STOPS)[0].strip(" ,、;")
    # Unit cells carry no role word of their own: their column (责任单位 → 牵头单位, 配合单位) gives it.
    unit_cells = [f"{role} | {cells[i]} |" for i, role in columns["units"].items() if i < len(cells) and cells[i]]
    unit_text = "\n".join([cell, *unit_cells])
    row = text[start:end]
    return Task(
        path=path,
        title=title,
        text=row,
        units=extract_units(unit_text),
        deadlines=extract_deadlines(row, reference_date=reference_date, offset=start),
        start=start,
        end=end,
    )
