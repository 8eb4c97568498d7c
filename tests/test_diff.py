"""build.py diff: what changed between two versions of the plan, for a pull request."""

from __future__ import annotations

import shutil
import subprocess

from planpub.diff import plan_diff
from planpub.load import load_plan
from planpub.model import build_plan
from tests.conftest import MINIMAL, run_cli

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
