"""PolicyKB's schema: regions, notices (Document) and what the parser finds in them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from documents import search
from documents.parsing.sources import public_source


class RegionQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=Region.Level.PROVINCE)

    def cities(self):
        return self.filter(level=Region.Level.CITY)

    def with_documents(self):
        """Regions that hold at least one notice at their level (as province, city or county)."""
        return self.filter(
            models.Q(province_documents__isnull=False)
            | models.Q(city_documents__isnull=False)
            | models.Q(county_documents__isnull=False)
        ).distinct()


class Region(models.Model):
    """Province → prefecture-level city → county/district, with the official administrative code."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "地级"
        COUNTY = "county", "县级"

    code = models.CharField("行政区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=50)
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]
        indexes = [models.Index(fields=["name", "level"], name="region_name_level_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:region-detail", args=[self.code])


class Theme(models.Model):
    """One term of the controlled vocabulary of industrial-policy themes."""

    slug = models.SlugField("标识", max_length=50, unique=True)
    name = models.CharField("主题", max_length=50, unique=True)
    keywords = models.TextField("关键词", blank=True, help_text="以顿号或逗号分隔")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题"
        verbose_name_plural = "主题"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:theme-detail", args=[self.slug])


# The bodies of the central government a national notice's issuer (or, without one, its title) opens with;
# a notice with no place and none of these is 地区不详 (unplaced), never guessed to be national.
NATIONAL_BODIES = (
    "国务院",
    "中共中央",
    "全国人民代表大会",
    "全国人大",
    "中华人民共和国",
    "国家",
    "工业和信息化部",
    "财政部",
    "商务部",
    "科技部",
    "科学技术部",
    "教育部",
    "人力资源社会保障部",
    "人力资源和社会保障部",
    "生态环境部",
    "自然资源部",
    "住房城乡建设部",
    "住房和城乡建设部",
    "交通运输部",
    "农业农村部",
    "水利部",
    "民政部",
    "文化和旅游部",
    "市场监管总局",
    "海关总署",
    "中国人民银行",
    "中国银保监会",
    "中国证监会",
    "工信部",
)
LEVELS = (
    ("national", "国家级"),
    ("provincial", "省级"),
    ("city", "市级"),
    ("county", "区县级"),
    ("unplaced", "地区不详"),
)


# The kinds of document a search narrows to, told by how the title ends (a trailing bracket aside:
# 行动计划（2021—2023年）, 办法(试行)); 政府工作报告 anywhere in it. Anything else is 其他.
KINDS = (
    ("report", "政府工作报告", r"政府工作报告"),
    ("notice", "通知", r"通知$"),
    ("opinion", "意见", r"意见$"),
    ("plan", "方案", r"方案$"),
    ("measures", "办法", r"办法$"),
    ("planning", "规划", r"规划(纲要)?$"),
)
KIND_CHOICES = (*((slug, label) for slug, label, _ in KINDS), ("other", "其他"))
_TRAILING_BRACKETS = r"([(（][^()（）]{0,30}[)）])*$"


def _national() -> models.Q:
    unplaced = models.Q(province__isnull=True, city__isnull=True, county__isnull=True)
    named = models.Q()
    for body in NATIONAL_BODIES:
        named |= models.Q(issuer__startswith=body) | models.Q(issuer="", title__startswith=body)
    return unplaced & (named | models.Q(issuer="", title__contains="国务院"))


class DocumentQuerySet(models.QuerySet):
    def with_level(self):
        """Each notice's level as `level` (a value of LEVELS): its most specific place, else national where
        a central body issued it, else unplaced. One CASE in SQL: it filters and groups like a column."""
        return self.annotate(
            level=models.Case(
                models.When(county__isnull=False, then=models.Value("county")),
                models.When(city__isnull=False, then=models.Value("city")),
                models.When(province__isnull=False, then=models.Value("provincial")),
                models.When(_national(), then=models.Value("national")),
                default=models.Value("unplaced"),
                output_field=models.CharField(),
            )
        )

    def with_kind(self):
        """Each notice's kind as `kind` (a value of KIND_CHOICES), from its title: one CASE in SQL."""
        whens = [
            models.When(title__regex=pattern.replace("$", _TRAILING_BRACKETS), then=models.Value(slug))
            for slug, _, pattern in KINDS
        ]
        return self.annotate(kind=models.Case(*whens, default=models.Value("other"), output_field=models.CharField()))

    def at_level(self, level: str):
        """Notices of one level of LEVELS; a city-level notice of a 直辖市 (北京市) counts as city."""
        return self.with_level().filter(level=level)

    def unindexed(self):
        """Notices without a search entry: left by a batch run stopped before it wrote theirs, or by a bulk
        write or a migration that skipped the index."""
        return self.filter(search_entry__isnull=True)

    def for_region(self, region: Region):
        field = {"province": "province", "city": "city", "county": "county"}[region.level]
        return self.filter(**{field: region})

    def for_theme(self, theme: Theme):
        return self.filter(themes=theme)

    def newest_first(self):
        return self.order_by(models.F("issued_on").desc(nulls_last=True), "-id")

    def with_places(self):
        return self.select_related("province", "city", "county")

    def search(self, query: str, *, order: str = "relevance", first: str = ""):
        """Notices matching `query`, annotated with `search_rank`; see documents/search/api.py."""
        return search.search(self, query, order=order, first=first)

    def unspaced(self, query: str):
        """`query` read as its jieba words where typed without spaces and (almost) not found as written."""
        return search.unspaced(self, query)

    def matching(self, query: str):
        """Notices matching `query`, unranked, as a filter that composes in subqueries and GROUP BYs."""
        return search.matching(self, query)


class Document(models.Model):
    """One notice: its text exactly as received, the cleaned text, and its metadata."""

    title = models.CharField("标题", max_length=300)
    notice_title = models.CharField("通知标题", max_length=300, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("发文机关", max_length=200, blank=True)
    province = models.ForeignKey(
        Region, verbose_name="省份", null=True, blank=True, on_delete=models.PROTECT, related_name="province_documents"
    )
    city = models.ForeignKey(
        Region, verbose_name="城市", null=True, blank=True, on_delete=models.PROTECT, related_name="city_documents"
    )
    county = models.ForeignKey(
        Region, verbose_name="区县", null=True, blank=True, on_delete=models.PROTECT, related_name="county_documents"
    )
    issued_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    source = models.CharField("来源", max_length=500, help_text="网址或文件名")
    # The notice's address on the web, shown as its 来源: the page's canonical link, a 原文链接 line, or
    # what `ingest --source-url` or an editor gave (then kept over the parser's).
    source_url = models.URLField("原文地址", max_length=500, blank=True)
    raw_text = models.TextField("原文", help_text="收到时的原样文本")
    clean_text = models.TextField("清洗后文本")
    content_hash = models.CharField("内容指纹", max_length=64, unique=True)
    themes = models.ManyToManyField(Theme, verbose_name="主题", blank=True, related_name="documents")
    # The metadata fields a person corrected ("title", "city", "themes" …): a re-parse leaves them alone.
    checked_fields = models.JSONField("已人工核对的字段", default=list, blank=True)
    # Parser rows a person deleted, as [kind, key] pairs (["target", clause], ["task", path], ["unit", name],
    # ["deadline", text]): a re-parse does not bring them back.
    rejected = models.JSONField("人工删除的解析结果", default=list, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["issued_on"], name="document_issued_on_idx"),
            models.Index(fields=["source"], name="document_source_idx"),
            models.Index(fields=["doc_number"], name="document_doc_number_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document-detail", args=[self.pk])

    @property
    def region(self) -> Region | None:
        """The most specific place the notice belongs to (no query: the FKs are usually selected)."""
        return self.county or self.city or self.province

    @property
    def public_source(self) -> str:
        """来源 as the public pages and the API show it: the address, or the file's name without the
        server's folders (`ingest /home/x/corpus` stores the path, which identifies the file for updates)."""
        return public_source(self.source)


class TargetQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def matching(self, keywords: str):
        """Targets whose sentence or metric holds every word of `keywords` (a LIKE: targets are short)."""
        found = self
        for word in (keywords or "").split():
            found = found.filter(models.Q(clause__icontains=word) | models.Q(metric__icontains=word))
        return found

    def with_indicator(self, slug: str):
        return self.filter(indicator=slug)

    def for_listing(self):
        """With the notice's title and city for a table row, without loading the notice's text."""
        return self.select_related("document__city").only(
            *(f.name for f in Target._meta.concrete_fields),
            "document__title",
            "document__city__code",
            "document__city__name",
        )


class Target(models.Model):
    """A quantified goal: 到2025年产值达到1000亿元."""

    class Comparator(models.TextChoices):
        AT_LEAST = ">=", "不低于"
        AT_MOST = "<=", "不高于"
        EQUAL = "=", "等于"
        MORE_THAN = ">", "超过"
        LESS_THAN = "<", "低于"

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="targets")
    clause = models.TextField("原文句子")
    metric = models.CharField("指标", max_length=200)
    value = models.FloatField("数值")
    value_max = models.FloatField("上限", null=True, blank=True)
    unit = models.CharField("单位", max_length=30)
    normalized_value = models.FloatField("标准化数值", null=True, blank=True)
    normalized_unit = models.CharField("标准化单位", max_length=30, blank=True)
    year = models.PositiveSmallIntegerField("目标年份", null=True, blank=True)
    comparator = models.CharField("比较", max_length=2, choices=Comparator.choices, blank=True)
    qualifier = models.CharField("限定语", max_length=30, blank=True)
    start = models.PositiveIntegerField("起始位置", null=True, blank=True)
    end = models.PositiveIntegerField("结束位置", null=True, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)
    checked = models.BooleanField("已人工核对", default=False)
    # The common measure the target sets (a slug of documents/data/indicators.csv), its value in that
    # indicator's canonical unit, and its dimension, so that figures are compared and sorted only
    # within one measure or one kind of measure.
    indicator = models.CharField("统一指标", max_length=60, blank=True)
    indicator_value = models.FloatField("指标数值（统一单位）", null=True, blank=True)
    indicator_unit = models.CharField("指标统一单位", max_length=30, blank=True)
    dimension = models.CharField("指标类型", max_length=20, blank=True)
    # Set when a person chose the indicator in the admin: re-assigning after a vocabulary change and
    # re-parsing keep their choice.
    indicator_checked = models.BooleanField("指标已人工核对", default=False)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = "目标"
        verbose_name_plural = "目标"
        ordering = ["document", "order"]
        indexes = [
            models.Index(fields=["metric"], name="target_metric_idx"),
            models.Index(fields=["year"], name="target_year_idx"),
            models.Index(fields=["indicator", "year"], name="target_indicator_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_max__isnull=True) | models.Q(value_max__gte=models.F("value")),
                name="target_value_max_gte_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.value:g}{self.unit}"


class Task(models.Model):
    """A numbered work item in the notice's outline."""

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="tasks")
    path = models.CharField("大纲位置", max_length=100)
    title = models.CharField("标题", max_length=300)
    text = models.TextField("内容")
    order = models.PositiveIntegerField("顺序", default=0)
    start = models.PositiveIntegerField("起始位置", null=True, blank=True)
    end = models.PositiveIntegerField("结束位置", null=True, blank=True)
    checked = models.BooleanField("已人工核对", default=False)

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "order"], name="task_unique_order")]

    def __str__(self) -> str:
        return f"{self.path} {self.title}"


class ResponsibleUnit(models.Model):
    """A government body made responsible for work: 市发改局."""

    name = models.CharField("名称", max_length=100, help_text="原文写法")
    normalized_name = models.CharField("规范名称", max_length=100)
    region = models.ForeignKey(Region, verbose_name="所属地区", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        ordering = ["normalized_name"]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="unit_unique_name_region")]
        indexes = [models.Index(fields=["normalized_name"], name="unit_normalized_name_idx")]

    def __str__(self) -> str:
        return f"{self.name}（{self.region}）" if self.region_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:unit-detail", args=[self.pk])


class Responsibility(models.Model):
    """A unit's role (lead / support) in a document, and in one of its tasks when the text says which."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        SUPPORT = "support", "配合"

    document = models.ForeignKey(
        Document, verbose_name="文件", on_delete=models.CASCADE, related_name="responsibilities"
    )
    task = models.ForeignKey(
        Task, verbose_name="任务", null=True, blank=True, on_delete=models.CASCADE, related_name="responsibilities"
    )
    unit = models.ForeignKey(
        ResponsibleUnit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="responsibilities"
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    checked = models.BooleanField("已人工核对", default=False)

    class Meta:
        verbose_name = "责任分工"
        verbose_name_plural = "责任分工"
        ordering = ["document", "task", "role"]
        constraints = [
            models.UniqueConstraint(fields=["document", "task", "unit"], name="responsibility_unique_unit"),
            models.UniqueConstraint(
                fields=["document", "unit"],
                condition=models.Q(task__isnull=True),
                name="responsibility_unique_doc_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()}"


class DeadlineQuerySet(models.QuerySet):
    def due_between(self, start, end):
        return self.filter(due_on__gte=start, due_on__lte=end)

    def due_before(self, day):
        return self.filter(due_on__lt=day)


class Deadline(models.Model):
    """A dated commitment: 6月底前, resolved to its last day."""

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="deadlines")
    task = models.ForeignKey(
        Task, verbose_name="任务", null=True, blank=True, on_delete=models.CASCADE, related_name="deadlines"
    )
    text = models.CharField("原文", max_length=100)
    due_on = models.DateField("截止日期", null=True, blank=True)
    start = models.PositiveIntegerField("起始位置", null=True, blank=True)
    end = models.PositiveIntegerField("结束位置", null=True, blank=True)
    checked = models.BooleanField("已人工核对", default=False)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "截止时间"
        verbose_name_plural = "截止时间"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on"], name="deadline_due_on_idx")]

    def __str__(self) -> str:
        return f"{self.text}（{self.due_on}）" if self.due_on else self.text


class SearchEntry(models.Model):
    """A notice's row in the full-text index. documents/search/indexing.py writes it; migration 0003 adds the
    database's own index beside it (an FTS5 table on SQLite; on PostgreSQL the folded text and a GIN index
    over its bigrams, migration 0010). Deleting a notice deletes its entry, and the index forgets it."""

    document = models.OneToOneField(
        Document, verbose_name="文件", on_delete=models.CASCADE, related_name="search_entry"
    )

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"

    def __str__(self) -> str:
        return f"索引 #{self.document_id}"
