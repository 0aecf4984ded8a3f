"""Reading report files: encodings, line ends, normalisation, and every unreadable input refused with
a Chinese reason."""
import random
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document import Limits, document_from_text, read_document
from checker.document.text import decode
from checker.errors import InputError

REPORT = (
    "临江县2024年法治政府建设情况报告\n"
    "2024年，临江县坚持以习近平法治思想为指导，全面推进依法行政。\n"
    "一、主要举措和成效\n"
    "（一）加强党的领导。全年办理行政复议案件48件，同比下降3个百分点。\n"
    "二、存在的问题\n"
    "一是基层执法力量薄弱；二是合法性审查不到位。\n"
    "临江县人民政府\n"
    "2025年2月8日\n"
)


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_each_encoding_reads_the_same_text(tmp_path, encoding):
    doc = read_document(_write(tmp_path, "report.txt", REPORT.encode(encoding)))
    assert doc.raw == REPORT


def test_utf16_le_without_bom_reads_the_same_text(tmp_path):
    # "一" is U+4E00: its low byte is NUL, like the high byte of ASCII in UTF-16-LE
    doc = read_document(_write(tmp_path, "report.txt", REPORT.encode("utf-16-le")))
    assert doc.raw == REPORT


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_give_the_line_numbers_of_lf(tmp_path, newline):
    lf = read_document(_write(tmp_path, "lf.txt", REPORT.encode("utf-8")))
    other = read_document(_write(tmp_path, "other.txt", REPORT.replace("\n", newline).encode("utf-8")))
    assert other.raw == lf.raw
    for needle, line in (("二、存在的问题", 5), ("2025年2月8日", 8)):
        offset = other.raw.index(needle)
        assert other.line_of(offset) == lf.line_of(lf.raw.index(needle)) == line


def test_full_width_forms_are_normalised_but_raw_is_kept():
    raw = "（一）执法检查，共计１２３次。\u3000全年办结。"
    doc = document_from_text(raw)
    assert doc.raw == raw
    assert doc.text == "(一)执法检查,共计123次。 全年办结。"
    assert len(doc.raw) == len(doc.text)


def _message_of(path, limits=None) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, limits)
    message = info.value.message
    assert re.search(r"[\u4e00-\u9fff]", message), message
    return message


def test_empty_file_is_refused(tmp_path):
    assert "为空" in _message_of(_write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file_is_refused(tmp_path):
    assert "空白" in _message_of(_write(tmp_path, "blank.txt", " \n\t\r\n\u3000\n".encode("utf-8")))


def test_random_binary_is_refused(tmp_path):
    data = random.Random(20250208).randbytes(4096)
    message = _message_of(_write(tmp_path, "noise.txt", data))
    assert "NUL" in message or "编码" in message or "不像文本" in message


def test_random_binary_without_nul_is_refused_as_undecodable(tmp_path):
    data = random.Random(20250208).randbytes(4096).replace(b"\x00", b"")
    assert "编码" in _message_of(_write(tmp_path, "noise.txt", data))


def test_nul_bytes_are_refused(tmp_path):
    data = "临江县法治政府建设情况报告".encode("utf-8") + b"\x00\x00\x01" + "全年办理案件12件。".encode("utf-8")
    assert "NUL" in _message_of(_write(tmp_path, "nul.txt", data))


def test_missing_path_is_refused(tmp_path):
    assert "不存在" in _message_of(tmp_path / "nowhere.txt")


def test_directory_is_refused(tmp_path):
    assert "文件夹" in _message_of(tmp_path)


def test_zip_that_is_not_word_is_refused(tmp_path):
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a report")
    assert "zip" in _message_of(path)


def test_broken_docx_is_refused(tmp_path):
    path = _write(tmp_path, "report.docx", b"PK\x03\x04" + b"\x00garbage" * 20)
    assert "损坏" in _message_of(path)


def test_broken_pdf_is_refused(tmp_path):
    path = _write(tmp_path, "report.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    assert "PDF" in _message_of(path)


def test_file_over_max_bytes_is_refused(tmp_path):
    path = _write(tmp_path, "big.txt", REPORT.encode("utf-8"))
    assert "过大" in _message_of(path, Limits(max_bytes=100))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=512))
def test_decode_any_bytes_returns_text_or_input_error(data):
    try:
        text, encoding = decode(data)
    except InputError as exc:
        assert exc.message
    else:
        assert isinstance(text, str) and isinstance(encoding, str)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_document_from_any_text_keeps_offsets_or_raises_input_error(text):
    try:
        doc = document_from_text(text)
    except InputError as exc:
        assert exc.message
    else:
        assert len(doc.raw) == len(doc.text)
        assert "\r" not in doc.raw
