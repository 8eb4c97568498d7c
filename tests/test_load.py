import pytest

from planpub.diagnostics import PlanError
from planpub.load import format_path, load_plan
from tests.conftest import MINIMAL, PROJECT, line_of


def test_loads_data_and_remembers_where_each_field_is():
    loaded = load_plan(MINIMAL)
    text = MINIMAL.read_text(encoding="utf-8")
    assert loaded.data["reform"]["pillars"][0]["id"] == "pillar-1"
    line, column = loaded.source.position(("reform", "pillars", 0, "viewpoints", 0, "items", 0, "title"))
    assert line == line_of(text, "title: {ja: 事務の見直し")
    assert column == text.splitlines()[line - 1].index("{") + 1


def test_position_of_a_missing_field_is_its_parent():
    loaded = load_plan(MINIMAL)
    assert loaded.source.position(("plan", "no-such-field")) == loaded.source.position(("plan",))


def test_path_format():
    assert format_path(("reform", "pillars", 0, "title", "en")) == "reform.pillars[0].title.en"


def codes(error: PlanError) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in error.diagnostics]


def test_syntax_error_points_to_its_line(variant):
    path, text = variant(("status: draft", "status: [draft"))
    with pytest.raises(PlanError) as error:
        load_plan(path)
    (code, line), = codes(error.value)
    assert code == "yaml-syntax"
    assert line >= line_of(text, "status: [draft")


@pytest.mark.parametrize("language, said", [
    ("en", "the [ at line {line}, column {column} has no closing ]"),
    ("ja", "{line}行{column}列の「[」に対応する「]」がありません"),
])
def test_an_unclosed_flow_sequence_says_where_it_opened(variant, language, said):
    """The parser notices a missing ] only at the next key: the message also names the [."""
    path, text = variant(("departments: [planning, related-divisions]", "departments: [planning, related-divisions"))
    with pytest.raises(PlanError) as error:
        load_plan(path)
    diagnostic, = error.value.diagnostics
    opened = line_of(text, "departments: [planning, related-divisions")
    assert diagnostic.line == opened + 1  # where the next key starts
    column = text.splitlines()[opened - 1].index("[") + 1
    assert said.format(line=opened, column=column) in diagnostic.text(language)


def test_duplicate_key_is_an_error(variant):
    path, text = variant(("  status: draft\n", "  status: draft\n  status: final\n"))
    with pytest.raises(PlanError) as error:
        load_plan(path)
    assert codes(error.value) == [("duplicate-key", line_of(text, "status: final"))]


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    for path, code in ((empty, "empty-file"), (tmp_path / "absent.yaml", "unreadable-file")):
        with pytest.raises(PlanError) as error:
            load_plan(path)
        assert error.value.diagnostics[0].code == code


def test_the_plan_names_its_schema_for_editors():
    """Editors with the YAML language server complete field names and flag mistakes as they type."""
    first = (PROJECT / "plan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (PROJECT / first.split("=", 1)[1]).is_file()
