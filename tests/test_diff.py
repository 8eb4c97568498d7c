"""build.py diff: what changed between two versions of the plan, for a pull request."""

from __future__ import annotations

import copy
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from planpub.pipeline import diff
from planpub.diagnostics import errors_only
from planpub.diff import plan_diff
from planpub.load import LoadedPlan, load_plan
from planpub.model import Plan, build_plan
from planpub.validate import validate
from tests.conftest import MINIMAL, PROJECT, run_cli

ACTION = """                    - {from: 2023, to: 2025, text: {ja: 実施, en: Implement}}
"""
NEW_ACTION = ACTION + """                - id: item-01-action-2
                  number: 2
                  title: {ja: 窓口の見直し, en: Reviewing service counters}
                  description: {ja: 見直す。, en: To review them.}
                  schedule:
                    - {from: 2024, to: 2025, text: {ja: 実施, en: Implement}}
"""
RESULT = """        target: {year: 2025, value: 50, comparator: at-most}
        results:
          - {year: 2022, value: 51, date: '2023-09-01', source: {title: {ja: 決算概要, en: Settlement summary}, url: "https://city.example.jp/kessan"}}
"""


def diff_of(variant, *replacements) -> str:
    new, _ = variant(*replacements)
    return plan_diff(build_plan(load_plan(MINIMAL).data), build_plan(load_plan(new).data))


def test_reordered_keys_and_formatting_are_not_changes(variant):
    markdown = diff_of(variant, ("              number: 1\n              new: true\n", "              new: true\n              number: 1\n"),
                       ("title: {ja: 経営改善, en: Better management}", "title:\n        ja: 経営改善   # the pillar\n        en: Better management"))
    assert "計画の内容に変更はありません" in markdown and "No change to the plan's content" in markdown


def test_a_changed_target_and_value_with_units_and_fiscal_years(variant):
    markdown = diff_of(variant, ("target: {year: 2025, value: 50, comparator: at-most}", "target: {year: 2025, value: 45, comparator: at-most}"),
                       ("{year: 2020, value: 65.5}", "{year: 2020, value: 66}"))
    assert "目標：50万円以下（令和7（2025）年度） → 45万円以下（令和7（2025）年度）" in markdown
    assert "Target: ¥500,000 or less (FY2025) → ¥450,000 or less (FY2025)" in markdown
    assert "計画に記載された値（令和2（2020）年度）：65.5万円 → 66万円" in markdown
    assert "Value printed in the plan, FY2020: ¥655,000 → ¥660,000" in markdown


def test_a_changed_way_that_is_better(variant):
    markdown = diff_of(variant, ("          better: higher\n", "          better: lower\n"))
    assert "よい方向：大きいほどよい → 小さいほどよい" in markdown
    assert "Which way is better: Higher is better → Lower is better" in markdown


def test_an_added_action_a_reworded_title_and_a_moved_schedule_span(variant):
    markdown = diff_of(variant, (ACTION, NEW_ACTION), ("title: {ja: 事務の見直し, en: Reviewing work}", "title: {ja: 事務の再点検, en: Rechecking work}"),
                       ("{from: 2022, to: 2022, text: {ja: 検討, en: Review}}", "{from: 2022, to: 2023, text: {ja: 検討, en: Review}}"))
    assert "追加：取組内容「窓口の見直し」" in markdown and "Added: Action “Reviewing service counters”" in markdown
    assert "名称：事務の見直し → 事務の再点検" in markdown and "Title: Reviewing work → Rechecking work" in markdown
    assert "スケジュール：令和4（2022）年度 検討" in markdown and "令和4（2022）年度～令和5（2023）年度 検討" in markdown
    assert "Reform item No.1 “Rechecking work”" in markdown


def test_a_recorded_result_and_a_removed_item(variant):
    markdown = diff_of(variant, ("        target: {year: 2025, value: 50, comparator: at-most}\n", RESULT))
    assert "実績（令和4（2022）年度）：51万円（決算概要 https://city.example.jp/kessan）（追加）" in markdown
    assert "Result, FY2022: ¥510,000 (Settlement summary https://city.example.jp/kessan) (new)" in markdown
    removed = plan_diff(build_plan(load_plan(MINIMAL).data), build_plan(load_plan(MINIMAL).data))
    assert "削除" not in removed


def test_the_command_takes_two_files_or_a_git_revision_and_exits_1_on_an_invalid_file(variant, tmp_path):
    changed, _ = variant(("title: {ja: 事務の見直し, en: Reviewing work}", "title: {ja: 事務の再点検, en: Rechecking work}"))
    result = run_cli("diff", MINIMAL, changed)
    assert result.returncode == 0 and result.stdout.startswith("## 計画の変更点（日本語）")
    repository = tmp_path / "repo"
    repository.mkdir()
    shutil.copy(MINIMAL, repository / "plan.yaml")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.jp"]
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qam", "x", "--allow-empty"], cwd=repository, check=True)
    subprocess.run(["git", "add", "plan.yaml"], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], cwd=repository, check=True)
    shutil.copy(changed, repository / "plan.yaml")
    result = run_cli("diff", "HEAD", "--plan", repository / "plan.yaml")
    assert result.returncode == 0 and "Title: Reviewing work → Rechecking work" in result.stdout
    broken, _ = variant(("number: 1\n      title: {ja: 経営改善", "number: one\n      title: {ja: 経営改善"), name="broken.yaml")
    result = run_cli("diff", MINIMAL, broken)
    assert result.returncode == 1 and "[schema-type]" in result.stderr and "Traceback" not in result.stderr
    assert run_cli("diff", "no-such-revision").returncode == 1


# --- the real plan: each kind of edit alone is reported as that edit, and nothing else ---------

REPORT = {"year": 2022, "value": 99.5, "date": "2023-06-30",
          "source": {"title": {"ja": "情報化推進状況", "en": "Informatization progress"}, "url": "https://www.city.sumida.lg.jp/"}}
NEW_INITIATIVE = {
    "id": "initiative-27", "number": 27, "title": {"ja": "生成AIの活用", "en": "Using generative AI"},
    "description": {"ja": "生成AIを業務に活用します。", "en": "The City will use generative AI in its work."},
    "schedule": [{"label": {"ja": "生成AI", "en": "Generative AI"}, "entries": [{"from": 2024, "to": 2025, "text": {"ja": "活用", "en": "Use"}}]}],
    "departments": ["ict-promotion"],
}


def find(data: Any, entity_id: str) -> dict | None:
    """The entity with ``entity_id`` anywhere in the plan's data."""
    if isinstance(data, dict) and data.get("id") == entity_id:
        return data
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return next((found for child in children if (found := find(child, entity_id)) is not None), None)


def setting(entity_id: str, **values: Any):
    """The edit that sets fields of one entity."""
    return lambda data: find(data, entity_id).update(values)


def appending(entity_id: str, field: str, value: Any):
    """The edit that adds ``value`` at the end of a list of one entity."""
    return lambda data: find(data, entity_id)[field].append(value)


def removing(parent_id: str, field: str, entity_id: str):
    """The edit that takes entity ``entity_id`` out of its parent's list."""
    return lambda data: find(data, parent_id)[field].remove(find(data, entity_id))


def moving_a_schedule_span(data) -> None:
    first, second = find(data, "initiative-24")["schedule"][0]["entries"]  # 2022, then 2023–2025
    first["to"], second["from"] = 2023, 2024


def adding_a_revision(data) -> None:
    data["plan"]["revisions"].append({"date": "2026-12-01", "summary": {"ja": "実績を記録しました。", "en": "Recorded results."}})


def plan_with(loaded: LoadedPlan, *edits) -> Plan:
    """A copy of the plan ``loaded`` with ``edits``, which must leave it valid; a copy, because the
    session's tests share the real plan."""
    data = copy.deepcopy(loaded.data)
    for edit in edits:
        edit(data)
    assert errors_only(validate(LoadedPlan(data, loaded.source))) == []
    return build_plan(data)


def edited(loaded: LoadedPlan, plan: Plan, *edits) -> str:
    """The diff from ``plan`` to a copy of it with ``edits``."""
    return plan_diff(plan, plan_with(loaded, *edits))


def expected(ja: list[str], en: list[str]) -> str:
    """The whole output: these lines and nothing else, in each language."""
    sections = (("計画の変更点（日本語）", ja), ("Changes to the plan (English)", en))
    return "\n".join(f"## {heading}\n\n" + "".join(f"{line}\n" for line in lines) for heading, lines in sections)


ITEM_01 = ("取組項目 No.1「事務事業の再編・整理」", "Reform item No.1 “Reorganization and streamlining of administrative programs”")
ITEM_24 = ("取組項目 No.24「情報化を推進するための体制強化」", "Reform item No.24 “Strengthening the structure for promoting informatization”")
ONLINE_2 = ("指標「オンライン化手続数②」", "Indicator “Number of procedures available online (2)”")
TRAINING_RATE = ("指標「情報セキュリティ研修受講率」", "Indicator “Information security training attendance rate”")

# (edit, the entry in Japanese and English, what changed in it in Japanese and English; None for an added or removed entity)
EDITS = [
    pytest.param(setting("item-01", purpose={"ja": "事務事業を再編・整理する。", "en": "To reorganize and streamline administrative programs."}),
                 ITEM_01, ("目的：文言の修正", "Purpose: reworded"), id="text"),
    pytest.param(setting("item-01", title={"ja": "事務事業の再編・整理", "en": "Reorganizing administrative programs"}),
                 ("取組項目 No.1「事務事業の再編・整理」", "Reform item No.1 “Reorganizing administrative programs”"),
                 ("名称：文言の修正", "Title: Reorganization and streamlining of administrative programs → Reorganizing administrative programs"),
                 id="translation only"),
    pytest.param(setting("viewpoint-4-1", summary={"ja": "利用者中心のサービスを実現します。", "en": "The City will achieve user-centered services."}),
                 ("改革の視点「ICTとデータを活用した利便性の高い区民サービスの提供と効率的な区政運営」",
                  "Viewpoint “Convenient services for residents and efficient city administration using ICT and data”"),
                 ("概要：文言の修正", "Summary: reworded"), id="text of a viewpoint"),
    pytest.param(setting("kpi-security-training-attendance-rate", values=[{"year": 2021, "value": 98}]), TRAINING_RATE,
                 ("計画に記載された値（令和3（2021）年度）：99% → 98%", "Value printed in the plan, FY2021: 99% → 98%"), id="number"),
    pytest.param(setting("kpi-online-procedures-2", target={"year": 2025, "value": 45, "comparator": "reach"}), ONLINE_2,
                 ("目標：40手続（令和7（2025）年度） → 45手続（令和7（2025）年度）", "Target: 40 procedures (FY2025) → 45 procedures (FY2025)"),
                 id="target"),
    pytest.param(setting("kpi-security-training-attendance-rate", results=[REPORT]), TRAINING_RATE,
                 ("実績（令和4（2022）年度）：99.5%（情報化推進状況 https://www.city.sumida.lg.jp/）（追加）",
                  "Result, FY2022: 99.5% (Informatization progress https://www.city.sumida.lg.jp/) (new)"), id="result"),
    pytest.param(setting("initiative-21", progress=[{"year": 2022, "status": "in-progress"}]),
                 ("取組21「職員研修の実施」", "Initiative 21 “Staff training”"),
                 ("状況（令和4（2022）年度）：実施中（追加）", "Status, FY2022: In progress (new)"), id="status"),
    pytest.param(moving_a_schedule_span, ("取組24「ネットワークの強靭化対応」", "Initiative 24 “Making the network more resilient”"),
                 ("スケジュール：令和4（2022）年度 要件整理、機器入替、検証、令和5（2023）年度～令和7（2025）年度 運用"
                  " → 令和4（2022）年度～令和5（2023）年度 要件整理、機器入替、検証、令和6（2024）年度～令和7（2025）年度 運用",
                  "Schedule: FY2022 Sort out requirements, replace equipment, verify, FY2023–FY2025 Operate"
                  " → FY2022–FY2023 Sort out requirements, replace equipment, verify, FY2024–FY2025 Operate"), id="schedule span"),
    pytest.param(appending("measure-11", "initiatives", NEW_INITIATIVE),
                 ("追加：取組27「生成AIの活用」", "Added: Initiative 27 “Using generative AI”"), None, id="entity added"),
    pytest.param(removing("item-17", "actions", "item-17-action-3"),
                 ("削除：取組内容「保育需要に合わせた公立保育園の適正配置の検討」",
                  "Removed: Action “Consideration of the appropriate placement of public nursery schools in line with childcare demand”"),
                 None, id="entity removed"),
    pytest.param(adding_a_revision, ("改訂履歴の追加（令和8（2026）年12月1日）：実績を記録しました。", "New revision, December 1, 2026: Recorded results."),
                 None, id="revision"),
    pytest.param(setting("item-24", guideline="guideline-2"), ITEM_24,
                 ("実施する取組方針：指針3「情報化を推進するための体制強化」 → 指針2「効率的な区政運営のための情報化」",
                  "Carried out under guideline: Guideline 3 “Strengthening the structure for promoting informatization”"
                  " → Guideline 2 “Informatization for efficient city administration”"), id="reference to a guideline"),
    pytest.param(appending("item-03", "departments", "accounting"),
                 ("取組項目 No.3「入札制度の改革」", "Reform item No.3 “Reform of the bidding system”"),
                 ("担当：契約課 → 契約課、会計管理室", "Responsible: Contracts Division → Contracts Division, Accounting Office"),
                 id="reference to a department"),
    pytest.param(appending("item-01", "terms", "administrative-cost"), ITEM_01,
                 ("関連する用語：– → 行政コスト", "Related terms: – → administrative cost"), id="reference to a term"),
    pytest.param(setting("kpi-online-procedures-2", initiative="initiative-04"), ONLINE_2,
                 ("対応する取組：取組3「手続のオンライン化の推進」 → 取組4「キャッシュレス化の推進」",
                  "Initiative: Initiative 3 “Promoting online procedures” → Initiative 4 “Promoting cashless payment”"),
                 id="reference to an initiative"),
    pytest.param(setting("contracts", name={"ja": "契約管財課", "en": "Contracts and Property Division"}),
                 ("部署「契約管財課」", "Department “Contracts and Property Division”"),
                 ("名称：契約課 → 契約管財課", "Name: Contracts Division → Contracts and Property Division"), id="a referred entity renamed"),
]


@pytest.mark.parametrize(("edit", "entry", "change"), EDITS)
def test_each_kind_of_edit_is_reported_alone_in_both_languages_naming_entities_by_title(real_loaded, real_plan, edit, entry, change):
    ja, en = ([f"- {name}"] for name in entry)
    if change:
        ja.append(f"    - {change[0]}")
        en.append(f"    - {change[1]}")
    assert edited(real_loaded, real_plan, edit) == expected(ja, en)


def test_results_added_to_two_indicators_are_the_only_changes(real_loaded, real_plan):
    """The report of the issue: the items carried out under the indicators' guidelines were said
    to have changed guideline, from guideline-3 to guideline-3."""
    markdown = edited(real_loaded, real_plan, setting("kpi-online-procedures-2", results=[REPORT]),
                      setting("kpi-security-training-attendance-rate", results=[REPORT]))
    assert markdown == expected(
        [f"- {ONLINE_2[0]}", "    - 実績（令和4（2022）年度）：99.5手続（情報化推進状況 https://www.city.sumida.lg.jp/）（追加）",
         f"- {TRAINING_RATE[0]}", "    - 実績（令和4（2022）年度）：99.5%（情報化推進状況 https://www.city.sumida.lg.jp/）（追加）"],
        [f"- {ONLINE_2[1]}", "    - Result, FY2022: 99.5 procedures (Informatization progress https://www.city.sumida.lg.jp/) (new)",
         f"- {TRAINING_RATE[1]}", "    - Result, FY2022: 99.5% (Informatization progress https://www.city.sumida.lg.jp/) (new)"])


def test_a_note_added_beside_a_status_is_a_rewording_not_the_same_status_twice(real_loaded):
    status = {"year": 2022, "status": "in-progress"}
    noted = status | {"note": {"ja": "管理職向け研修を実施した。", "en": "Training for managers was held."}}
    markdown = plan_diff(plan_with(real_loaded, setting("initiative-21", progress=[status])),
                         plan_with(real_loaded, setting("initiative-21", progress=[noted])))
    assert markdown == expected(["- 取組21「職員研修の実施」", "    - 状況（令和4（2022）年度）：文言の修正"],
                                ["- Initiative 21 “Staff training”", "    - Status, FY2022: reworded"])


def reformatted(data: Any, quote: str, flow: bool) -> str:
    """The plan written again by PyYAML: keys sorted, every string quoted with ``quote``, in flow
    or block style, without the comments."""
    dumper = type("QuotingDumper", (getattr(yaml, "CSafeDumper", yaml.SafeDumper),), {})  # libyaml where there is one: faster
    dumper.add_representer(str, lambda self, text: self.represent_scalar("tag:yaml.org,2002:str", text, style=quote))
    return yaml.dump(data, Dumper=dumper, sort_keys=True, default_flow_style=flow, allow_unicode=True, width=100)


NO_CHANGE = expected(["計画の内容に変更はありません（書式や項目の順序の違いは変更に含めません）。"],
                     ["No change to the plan's content (formatting and the order of fields are not changes)."])


def test_the_plan_against_itself_is_no_change():
    plan = PROJECT / "plan.yaml"
    assert diff(str(plan), str(plan), plan) == NO_CHANGE


@pytest.mark.parametrize(("quote", "flow"), [('"', True), ("'", False)], ids=["flow, double quotes", "block, single quotes"])
def test_the_plan_against_a_reformatted_copy_is_no_change(real_loaded, tmp_path, quote, flow):
    plan = PROJECT / "plan.yaml"
    copy_path = tmp_path / "reformatted.yaml"
    copy_path.write_text(reformatted(real_loaded.data, quote, flow), encoding="utf-8")
    assert copy_path.read_text(encoding="utf-8") != plan.read_text(encoding="utf-8")
    assert diff(str(plan), str(copy_path), plan) == NO_CHANGE
