"""The admin's forms for entering notices: one notice (pasted or a file), its preview, and a batch."""

from __future__ import annotations

import base64

from django import forms
from django.conf import settings

from documents.ingest import IngestError, content_hash, read_upload
from documents.parsing.sources import NOTICE_SUFFIXES

ACCEPT = ",".join(NOTICE_SUFFIXES)
# The metadata the preview lets an editor correct before saving (places and themes: on the change page).
PREVIEW_FIELDS = ("title", "notice_title", "doc_number", "issuer", "issued_on", "published_on")


class NoticeEntryForm(forms.Form):
    text = forms.CharField(
        label="粘贴全文", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 14, "cols": 100})
    )
    file = forms.FileField(
        label="或上传文件",
        required=False,
        allow_empty_file=True,  # refused by ingest, with the same reason as on the command line
        help_text=f"{'、'.join(NOTICE_SUFFIXES)}，不超过 {settings.POLICYKB_MAX_NOTICE_BYTES // 1_048_576} MB",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    source = forms.CharField(
        label="来源", required=False, max_length=500, help_text="网址或文件名；不填：上传的用文件名，粘贴的按内容生成"
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("text") or "", data.get("file")
        if upload and text.strip():
            raise forms.ValidationError("请只粘贴全文或只上传一个文件，不要同时提供。")
        try:
            if upload:
                data["raw_text"] = read_upload(upload)
            elif text.strip():
                data["raw_text"] = text
            else:
                raise forms.ValidationError("请粘贴通知全文或上传文件。")
        except IngestError as error:
            raise forms.ValidationError(f"{upload.name if upload else '粘贴的文本'}：{error}") from None
        data["source"] = data.get("source") or (
            upload.name if upload else f"粘贴:{content_hash(data['raw_text'])[:12]}"
        )
        return data


class PreviewForm(forms.Form):
    """The parsed metadata, for correction; the notice's text rides along unchanged (base64: no newline
    rewriting by the browser)."""

    raw = forms.CharField(widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, max_length=500)
    title = forms.CharField(label="标题", max_length=300, widget=forms.TextInput(attrs={"class": "vTextField"}))
    notice_title = forms.CharField(
        label="通知标题", max_length=300, required=False, widget=forms.TextInput(attrs={"class": "vTextField"})
    )
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    issuer = forms.CharField(
        label="发文机关", max_length=200, required=False, widget=forms.TextInput(attrs={"class": "vTextField"})
    )
    # A date input shows (and sends back) only an ISO value: the locale's 2024/03/15 would reach the
    # browser, show empty, and come back blank, as if the editor had erased the date.
    issued_on = forms.DateField(
        label="成文日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    published_on = forms.DateField(
        label="发布日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    @classmethod
    def for_notice(cls, *, raw_text: str, source: str, fields: dict) -> PreviewForm:
        encoded = base64.b64encode(raw_text.encode("utf-8")).decode("ascii")
        return cls(initial={"raw": encoded, "source": source, **{name: fields[name] for name in PREVIEW_FIELDS}})

    def clean_raw(self) -> str:
        try:
            return base64.b64decode(self.cleaned_data["raw"], validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise forms.ValidationError("通知文本已损坏，请重新粘贴或上传。") from None

    def corrections(self, fields: dict) -> dict:
        """The fields the editor changed from what the parser found (blank and None are the same)."""
        return {
            name: self.cleaned_data[name]
            for name in PREVIEW_FIELDS
            if (self.cleaned_data[name] or None) != (fields[name] or None)
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT + ",.zip"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        return [single(item, initial) for item in data] if isinstance(data, (list, tuple)) else [single(data, initial)]


class BatchUploadForm(forms.Form):
    files = MultipleFileField(
        label="文件",
        help_text=f"可多选；也可上传 .zip 压缩包（不超过 {settings.POLICYKB_MAX_ZIP_BYTES // 1_048_576} MB、"
        f"{settings.POLICYKB_MAX_ZIP_MEMBERS} 个文件）。每个文件单独处理，一个失败不影响其他。",
    )
