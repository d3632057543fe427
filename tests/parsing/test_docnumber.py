"""文号: found where the notice states its own, normalised to 〔〕, repaired only when certain, never a cited one."""

from __future__ import annotations

import pytest

from documents.parsing.docnumber import find_doc_number


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["文号 | 平政办〔2015〕26号 | 索引号 | 005452065/2015-00034 |"], "平政办〔2015〕26号"),
        (["发文机关:国务院 发文字号:国发〔2019〕5号 索引号:000014349/2019-00007"], "国发〔2019〕5号"),
        (["(皖政办秘〔2021〕82号)"], "皖政办秘〔2021〕82号"),
        (["瑞政发[2016]12号"], "瑞政发〔2016〕12号"),
        (["甬政发【2011】 101号"], "甬政发〔2011〕101号"),
        (["温政办(2018)45号"], "温政办〔2018〕45号"),
        (["常发〔20074"], "常发〔2007〕4号"),
        (["常发〔2007"], "常发〔2007"),
        (["十四五发展规划(2021"], None),
        (["关于印发绍兴市传统产业改造提升实施方案的通知 (绍政发〔2016〕5号)"], "绍政发〔2016〕5号"),
        (["根据《关于开展转变经济发展方式综合配套改革试点的意见》(浙委〔2009〕95号)精神"], None),
        (["落实《通知》(平办〔2014〕14号)规定,严格兑现奖惩措施。"], None),
        (["建设任务参见鲁教高函〔2023〕36号"], None),
        (["根据《“十四五”规划纲要》、《新一代人工智能发展规划(国发〔2017〕35号)》等文件"], None),
        (["国发〔2015〕28号文件明确提出,要加快推进制造强国建设。"], None),
    ],
    ids=[
        "metadata-table",
        "crawler-header",
        "parenthesised-line",
        "square-brackets",
        "lenticular-brackets",
        "round-brackets",
        "repaired",
        "unrepairable-as-found",
        "wrapped-title-is-not-a-number",
        "after-title",
        "cited-with-根据",
        "cited-after-quote",
        "cited-with-参见",
        "inside-a-quoted-title",
        "cited-as-文件",
    ],
)
def test_find_doc_number(lines, expected):
    assert find_doc_number(lines) == expected


def test_tail_line_of_its_own_counts_when_the_head_has_none():
    assert find_doc_number(["各县(市、区)人民政府:"], ["附件", "丽政办发〔2020〕55号.cebx"]) == "丽政办发〔2020〕55号"
