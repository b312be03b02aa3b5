"""On-screen text: a caption burnt into a real archive frame is read, even when its sheet fails."""

from __future__ import annotations

import cv2
import pytest

from regia.heritage import ocr

CAPTION = "Toulouse, le pont Neuf"


@pytest.fixture(scope="module")
def captioned_frame(compose, shared_data, tmp_path_factory):
    """A frame of the 1906 Market Street film with a caption as the heritage clips carry them."""
    film = shared_data / "video" / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4"
    out = tmp_path_factory.mktemp("ocr") / "frame.png"
    draw = (
        f"drawtext=fontfile={compose.FONT}:text='{CAPTION.replace(',', '')}':fontsize=30:fontcolor=white:"
        "box=1:boxcolor=black@0.6:boxborderw=10:x=(w-tw)/2:y=h-th-30"
    )
    compose.ffmpeg("-ss", "4", "-i", str(film), "-frames:v", "1", "-vf", f"scale=640:360,{draw}", str(out))
    return cv2.imread(str(out))


def test_caption_is_read(captioned_frame):
    assert ocr.read_texts([captioned_frame]) == [["Toulouse le pont Neuf"]]


def test_a_long_line_its_sheet_left_unread_is_read_on_its_own(captioned_frame, monkeypatch):
    real = ocr._read_sheet
    sheets = []

    def confused(crops):  # tesseract put off by the other candidate lines of the sheet
        sheets.append(len(crops))
        return [] if len(crops) > 1 else real(crops)

    monkeypatch.setattr(ocr, "_read_sheet", confused)
    assert ocr.read_texts([captioned_frame]) == [["Toulouse le pont Neuf"]]
    assert sheets[0] > 1 and all(n == 1 for n in sheets[1:])  # only long unread lines, one at a time
    assert len(sheets) - 1 <= ocr.MAX_SECOND_READS
