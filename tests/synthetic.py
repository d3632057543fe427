"""A synthetic collection, bulk-inserted without the parser: for query-count tests and the page benchmark.

Notices are spread over real cities (the gazetteer's codes) and themes; each has targets on a small set
of real metrics, tasks, responsible units and deadlines, with offsets that point into its text so the
notice page can mark them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from documents import search
from documents.ingest import assign_indicator
from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Target, Task, Theme

METRICS = (
    ("规模以上工业增加值", "亿元", "亿元", 1.0),
    ("产业集群主营业务收入", "亿元", "亿元", 1.0),
    ("高新技术产业增加值占比", "%", "%", 1.0),
    ("研发经费投入", "万元", "亿元", 0.0001),
    ("新增规模以上企业", "家", "家", 1.0),
    ("实际利用外资", "亿美元", "亿美元", 1.0),
)
UNITS = ("市发改委", "市经信局", "市科技局", "市财政局", "市商务局", "市自然资源局")
SENTENCE = "到{year}年，{metric}达到{value}{unit}。"


def _text(targets: list[tuple], tasks: int) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """A notice body with its target sentences and task headings, and the offsets of each."""
    parts, target_spans, task_spans = ["为加快产业发展，制定本方案。\n一、发展目标\n"], [], []
    at = len(parts[0])
    for metric, value, unit, year in targets:
        sentence = SENTENCE.format(year=year, metric=metric, value=f"{value:g}", unit=unit)
        target_spans.append((at, at + len(sentence)))
        parts.append(sentence)
        at += len(sentence)
    parts.append("\n二、重点任务\n")
    at += len(parts[-1])
    for number in range(tasks):
        line = (
            f"（{number + 1}）推进第{number + 1}项重点工作，由{UNITS[number % len(UNITS)]}牵头，2025年6月底前完成。\n"
        )
        task_spans.append((at, at + len(line)))
        parts.append(line)
        at += len(line)
    return "".join(parts), target_spans, task_spans


@transaction.atomic
def build_collection(
    *, documents: int, cities: int = 12, seed: int = 4, targets_per: int = 3, tasks_per: int = 3
) -> list[Region]:
    """Insert `documents` notices over the first `cities` cities (by code); returns those cities."""
    rng = random.Random(seed)
    places = list(Region.objects.cities().select_related("parent").order_by("code")[:cities])
    themes = list(Theme.objects.all())
    units = {
        (name, city.pk): ResponsibleUnit.objects.get_or_create(
            name=name, region=city, defaults={"normalized_name": name}
        )[0]
        for city in places
        for name in UNITS
    }
    start = Document.objects.count()
    rows, plans = [], []
    for index in range(documents):
        city = places[index % len(places)]
        chosen = [
            (m, rng.choice([10, 50, 100, 500, 1000]) * (1 + rng.random()), m[1], rng.choice([2020, 2022, 2025]))
            for m in rng.sample(METRICS, targets_per)
        ]
        text, target_spans, task_spans = _text([(m[0], v, u, y) for m, v, u, y in chosen], tasks_per)
        issued = date(2008, 1, 1) + timedelta(days=rng.randrange(17 * 365))
        rows.append(
            Document(
                title=f"{city.name}产业发展实施方案（第{start + index + 1}号）",
                doc_number=f"{city.name[:1]}政发〔{issued.year}〕{index + 1}号",
                issuer=f"{city.name}人民政府",
                province=city.parent,
                city=city,
                issued_on=issued,
                source=f"synthetic/{start + index}.txt",
                raw_text=text,
                clean_text=text,
                content_hash=f"synthetic-{seed}-{start + index}",
            )
        )
        plans.append((city, chosen, target_spans, task_spans))
    saved = Document.objects.bulk_create(rows, batch_size=500)
    search.index_documents(Document.objects.filter(pk__in=[d.pk for d in saved]))  # bulk_create skips the index
    Through = Document.themes.through
    Through.objects.bulk_create(
        [Through(document_id=d.pk, theme_id=t.pk) for d in saved for t in rng.sample(themes, 2)], batch_size=2000
    )
    Target.objects.bulk_create(
        [
            _with_indicator(
                Target(
                    document=d,
                    clause=d.clean_text[s:e],
                    metric=m[0],
                    value=round(v, 1),
                    unit=m[1],
                    normalized_value=round(v * m[3], 4),
                    normalized_unit=m[2],
                    year=y,
                    comparator=">=",
                    start=s,
                    end=e,
                    order=order,
                )
            )  # fmt: skip
            for d, (_, chosen, spans, _) in zip(saved, plans, strict=False)
            for order, ((m, v, _, y), (s, e)) in enumerate(zip(chosen, spans, strict=False))
        ],
        batch_size=2000,
    )
    tasks = Task.objects.bulk_create(
        [
            Task(
                document=d,
                path=f"二/({n + 1})",
                title=d.clean_text[s:e].strip()[:60],
                text=d.clean_text[s:e],
                order=n,
                start=s,
                end=e,
            )
            for d, (_, _, _, task_spans) in zip(saved, plans, strict=False)
            for n, (s, e) in enumerate(task_spans)
        ],
        batch_size=2000,
    )
    by_document = {d.pk: city for d, (city, *_) in zip(saved, plans, strict=False)}
    Responsibility.objects.bulk_create(
        [
            Responsibility(
                document_id=t.document_id,
                task=t,
                unit=units[(UNITS[t.order % len(UNITS)], by_document[t.document_id].pk)],
                role="lead",
            )
            for t in tasks
        ],
        batch_size=2000,
    )
    Deadline.objects.bulk_create(
        [
            Deadline(
                document_id=t.document_id,
                task=t,
                text="2025年6月底前",
                due_on=date(t.document.issued_on.year + 1, 6, 30),
                start=t.start + t.text.index("20"),
                end=t.start + t.text.index("20") + len("2025年6月底前"),
            )  # fmt: skip
            for t in tasks
        ],
        batch_size=2000,
    )
    return places


def _with_indicator(target: Target) -> Target:
    """The target with the indicator ingest would give it; the comparable figure stays as the test set it."""
    normalized = target.normalized_value, target.normalized_unit
    assign_indicator(target)
    target.normalized_value, target.normalized_unit = normalized
    return target


def add_notice(
    *, city: str, title: str, issued: date | None = None, themes: tuple[str, ...] = (), targets: tuple[tuple, ...] = ()
) -> Document:
    """One hand-made notice in the city with this code; targets are (metric, value, unit, normalized_value,
    normalized_unit, year) and each becomes a sentence of the text, with its offsets."""
    place = Region.objects.select_related("parent").get(code=city)
    sentences = [f"到{year}年，{metric}达到{value:.10g}{unit}。" for metric, value, unit, _, _, year in targets]
    text = f"{title}\n" + "".join(sentences)
    document = Document.objects.create(
        title=title, province=place.parent, city=place, issued_on=issued, source=f"test/{title}", raw_text=text,
        clean_text=text, content_hash=f"test-{title}",
    )  # fmt: skip
    document.themes.set(Theme.objects.filter(slug__in=themes))
    at = len(title) + 1
    for order, ((metric, value, unit, normalized, normalized_unit, year), sentence) in enumerate(
        zip(targets, sentences, strict=False)
    ):
        _with_indicator(Target(
            document=document, clause=sentence, metric=metric, value=value, unit=unit, normalized_value=normalized,
            normalized_unit=normalized_unit, year=year, comparator=">=", start=at, end=at + len(sentence), order=order,
        )).save()  # fmt: skip
        at += len(sentence)
    search.index_document(document)
    return document


def add_three_cities() -> tuple[Document, Document, Document]:
    """Three hand-made notices in three cities of two provinces, with comparable targets (the same metric in
    衢州 and 丽水, two units, a share) and overlapping themes: the collection the API, filter and target-search
    tests read. Returns (衢州, 丽水, 常德)."""
    quzhou = add_notice(
        city="330800", title="衢州市特色产业发展方案", issued=date(2010, 12, 28), themes=("industrial-cluster", "green"),
        targets=(("规模以上工业增加值", 500.0, "亿元", 500.0, "亿元", 2015), ("研发经费投入", 20000.0, "万元", 2.0, "亿元", 2020)),
    )  # fmt: skip
    lishui = add_notice(
        city="331100", title="丽水市产业平台整合提升指导意见", issued=date(2020, 8, 20), themes=("industrial-platform",),
        targets=(("规模以上工业增加值", 600.0, "亿元", 600.0, "亿元", 2025), ("高新技术产业增加值占比", 10.0, "%", 10.0, "%", 2025)),
    )  # fmt: skip
    changde = add_notice(
        city="430700", title="关于大力培育发展产业集群的意见", issued=date(2010, 3, 1), themes=("industrial-cluster",)
    )
    return quzhou, lishui, changde
