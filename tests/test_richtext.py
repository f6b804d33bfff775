"""Rich text: what the description editor offers is what is kept, and plain text (a
spreadsheet cell, a paste) becomes paragraphs and lists, and back."""

import pytest
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from hypothesis import given
from hypothesis import strategies as st

from citeeducative.richtext import (
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    readable_text,
    rich_text,
    sanitize_html,
)


def test_what_is_kept_is_what_the_editor_offers():
    editor = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))
    assert editor["tags"] == ALLOWED_TAGS


def test_the_editor_has_no_heading_table_nor_image():
    kept = sanitize_html("<h3>Titre</h3><table><tr><td>x</td></tr></table><img src=x><p>Texte</p>")
    assert kept == "Titrex<p>Texte</p>"


def test_links_keep_their_address_and_lose_scripts():
    kept = sanitize_html('<p><a href="javascript:alert(1)">a</a> <a href="https://x.fr">b</a></p>')
    assert 'href="javascript' not in kept
    assert '<a href="https://x.fr" rel="noopener noreferrer">b</a>' in kept


def test_a_blank_line_starts_a_paragraph():
    assert rich_text("Premier.\n\nSecond.") == "<p>Premier.</p><p>Second.</p>"


def test_a_single_line_break_stays_within_its_paragraph():
    assert rich_text("Ligne un\nligne deux") == "<p>Ligne un<br>ligne deux</p>"


@pytest.mark.parametrize("marker", ["- ", "• ", "* "])
def test_lines_starting_with_a_dash_or_bullet_are_a_list(marker):
    text = f"Les ateliers :\n{marker}lecture\n{marker}écriture"
    assert rich_text(text) == "<p>Les ateliers :</p><ul><li>lecture</li><li>écriture</li></ul>"


def test_numbered_lines_are_a_numbered_list():
    assert rich_text("1. inscrire\n2. venir") == "<ol><li>inscrire</li><li>venir</li></ol>"


def test_plain_text_is_escaped_not_interpreted():
    assert rich_text("3 < 4 & 5 > 2") == "<p>3 &lt; 4 &amp; 5 &gt; 2</p>"


def test_pasted_paragraphs_written_as_items_become_a_list():
    pasted = "<p>Au programme :</p><p>- contes</p><p>• jeux</p><p>Fin.</p>"
    assert (
        rich_text(pasted) == "<p>Au programme :</p><ul><li>contes</li><li>jeux</li></ul><p>Fin.</p>"
    )


def test_an_item_of_one_paragraph_is_stored_as_the_item():
    written = "<ul><li><p>contes</p></li><li><p>jeux</p><p>et chants</p></li></ul>"
    assert rich_text(written) == "<ul><li>contes</li><li><p>jeux</p><p>et chants</p></li></ul>"


@pytest.mark.parametrize("empty", ["", "<p></p>", "<p><br></p>", "  \n\n "])
def test_an_empty_editor_stores_nothing(empty):
    assert rich_text(empty) == ""


def test_html_is_sanitised_not_converted():
    assert rich_text("<p>Lire <strong>ensemble</strong></p><script>x</script>") == (
        "<p>Lire <strong>ensemble</strong></p>"
    )


def test_the_readable_text_separates_paragraphs_and_marks_items():
    html = "<p>Lire <strong>ensemble</strong> &amp; écrire :</p><ul><li><p>contes</p></li></ul>"
    assert readable_text(html) == "Lire ensemble & écrire :\n\n- contes"


def test_the_readable_text_numbers_a_numbered_list():
    assert readable_text("<ol><li>inscrire</li><li>venir</li></ol>") == "1. inscrire\n2. venir"


words = st.text(alphabet="abcdéèà ,.'", min_size=1, max_size=12).filter(lambda w: w.strip())
blocks = st.one_of(
    st.lists(words, min_size=1, max_size=3).map(lambda lines: "\n".join(lines)),
    st.lists(words, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
)


@given(st.lists(blocks, min_size=1, max_size=4))
def test_readable_text_reads_back_as_the_same_rich_text(written):
    stored = rich_text("\n\n".join(written))
    assert rich_text(readable_text(stored)) == stored
