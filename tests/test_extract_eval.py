"""benchmarks/extract_eval.py: the matching rules, and a run of the real parser over a gold/raw pair of our own."""

import doctest
import json
import shutil
from pathlib import Path

import pytest

from benchmarks import extract_eval
from benchmarks.extract_eval import (
    Scores,
    Tally,
    deadline_keys,
    evaluate,
    main,
    match_targets,
    normalize,
    score_document,
    unit_names,
)

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "extract_eval"


def t(value, unit, year=None, text=""):
    return {"value": value, "unit": unit, "year": year, "text": text}


@pytest.mark.parametrize(
    "gold, predicted, strict, loose",
    [
        ([t(8, "%", 2021)], [t(8.0, "％", 2021)], 1, 1),  # width and int/float do not matter
        ([t(5, "亿元", 2020)], [t(5, "亿", 2020)], 1, 1),  # 亿 is 亿元
        ([t(2, "个百分点")], [t(2, "百分点", 2025)], 1, 1),  # a gold year of null accepts any year
        ([t(60, "个", 2021)], [t(60, "个", None)], 0, 1),  # right figure, wrong year: counted only year aside
        ([t(60, "个", 2021)], [t(60, "家", 2021)], 0, 0),  # the unit must agree
        ([t(60, "个", 2021)], [t(61, "个", 2021)], 0, 0),
        # one predicted figure answers one gold figure; the year-matching one is preferred over an earlier one
        ([t(50, "个", 2015), t(50, "个", 2016)], [t(50, "个", 2016), t(50, "个", 2015)], 2, 2),
        ([t(50, "个", 2015), t(50, "个", 2015)], [t(50, "个", 2015)], 1, 1),
        ([t(50, "个", 2015)], [t(50, "个", 2014), t(50, "个", 2015)], 1, 1),
    ],
)
def test_match_targets(gold, predicted, strict, loose):
    match = match_targets(gold, predicted)
    assert (match.strict, match.loose) == (strict, loose)
    assert len(match.misses) == len(gold) - strict


def test_extras_are_figures_the_answer_has_nowhere():
    match = match_targets([t(8, "%", 2021)], [t(8, "%", 2020), t(3, "家", 2021)])
    assert [e.split()[2] for e in match.extras] == ["3家"]  # the 8% is a wrong year, reported as such
    assert match.misses[0].startswith("target year 8%")


def test_units_by_name_with_role_ignored():
    gold = [{"name": "市经信局", "role": "lead"}, "市 财政局"]
    assert unit_names(gold) == unit_names(
        [{"name": "市财政局", "role": "lead"}, {"name": "市经信局", "role": "support"}]
    )


def test_deadlines_by_date_else_text():
    assert deadline_keys(
        [
            {"text": "6月底前", "date": "2021-06-30"},
            {"text": "年底前", "date": "2021-12-31"},
            {"text": "每月 28日前", "date": None},
        ]
    ) == {"2021-06-30", "2021-12-31", "每月28日前"}
    # two wordings of one date are one deadline
    assert deadline_keys([{"text": "年底前", "date": "2021-12-31"}, {"text": "12月底前", "date": "2021-12-31"}]) == {
        "2021-12-31"
    }


def test_normalize_folds_brackets_and_width():
    assert normalize("湖政办发[2021]7号") == normalize("湖政办发【2021】7号") == "湖政办发〔2021〕7号"
    assert normalize("《2006年〈政府工作报告〉要求》") == normalize("2006年《政府工作报告》要求")
    assert normalize("ＡＢ １") == "AB1"


def test_tally_counts_nothing_wanted_and_nothing_found_as_perfect():
    assert Tally().prf() == (1.0, 1.0, 1.0)
    assert Tally(hits=0, predicted=2, gold=0).prf()[0] == 0.0
    assert Tally(hits=0, predicted=0, gold=3).prf() == (0.0, 0.0, 0.0)
    p, r, f = Tally(hits=3, predicted=4, gold=6).prf()
    assert (p, r) == (0.75, 0.5) and f == pytest.approx(0.6)


def test_keys_absent_from_gold_are_not_scored():
    scores = Scores()
    notes = score_document(
        scores,
        {"city": "湖州市", "units": ["市科技局"]},
        {"city": "湖州市", "doc_number": "x", "targets": [t(1, "个")], "units": []},
    )
    assert scores.meta_scored == {"doc_number": 0, "province": 0, "city": 1, "county": 0, "issue_date": 0, "title": 0}
    assert scores.meta_accuracy() == 1.0
    assert scores.lists["targets"].predicted == 0  # gold gives no targets list: the parsed one is not counted
    assert (scores.lists["units"].gold, scores.lists["units"].hits) == (1, 0)
    assert notes == ["unit miss 市科技局"]


def test_a_failed_parse_scores_as_an_empty_answer():
    scores = Scores()
    notes = score_document(
        scores, {"city": "湖州市", "deadlines": ["年底前"]}, {"source": "a.txt", "error": "文件为空"}
    )
    assert scores.failed == 1 and scores.meta_right["city"] == 0 and scores.lists["deadlines"].gold == 1
    assert notes[0] == "error: 文件为空"


def test_evaluate_runs_the_parser_on_each_raw_file():
    lines = []
    scores = evaluate(SAMPLE / "gold", SAMPLE / "raw", out=lines.append)
    assert (scores.documents, scores.failed) == (1, 0)
    assert scores.meta_right["doc_number"] == scores.meta_scored["doc_number"] == 1
    assert (scores.lists["targets"].gold, scores.lists["units"].gold, scores.lists["deadlines"].gold) == (3, 4, 2)
    assert lines[-1].startswith("extract: targets F1")


def test_evaluate_reports_each_files_misses(tmp_path):
    gold = json.loads((SAMPLE / "gold" / "huzhou-2021.json").read_text(encoding="utf-8"))
    gold["targets"][0]["year"] = 2031  # the text says 全年 of a 2021 plan: the parser cannot agree
    gold["units"].append({"name": "市统计局", "role": "support"})  # not in the text
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "huzhou-2021.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "gold" / "no-such-notice.json").write_text('{"city": "湖州市"}', encoding="utf-8")
    lines = []
    scores = evaluate(tmp_path / "gold", SAMPLE / "raw", verbose=True, out=lines.append)
    assert "    target year 8%: gold 2031, parsed 2021" in lines
    assert "    unit miss 市统计局" in lines
    assert lines[lines.index("== no-such-notice") + 1] == "    no output"
    assert scores.failed == 1 and scores.lists["targets"].hits < scores.lists["targets(any year)"].hits


def test_command_refuses_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "gold"), str(tmp_path / "raw")]) == 2
    assert "no such folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([str(tmp_path)])  # one folder of two


def test_command_refuses_a_folder_without_answers(tmp_path, capsys):
    shutil.copytree(SAMPLE / "raw", tmp_path / "raw")
    (tmp_path / "gold").mkdir()
    assert main([str(tmp_path / "gold"), str(tmp_path / "raw")]) == 2
    assert "no gold answers" in capsys.readouterr().err


def test_docstring_examples():
    assert doctest.testmod(extract_eval).failed == 0
