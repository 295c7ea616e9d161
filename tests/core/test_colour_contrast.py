"""The public theme's text colours meet WCAG 2 AA contrast (4.5:1) on the
backgrounds they are used on."""

import re
from pathlib import Path

import pytest

import deskbook

CSS = Path(deskbook.__file__).parent / "static" / "deskbook" / "css" / "site.css"
AA_TEXT = 4.5
AA_NON_TEXT = 3.0


def variables() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# (text, background) pairs the stylesheet uses.
PAIRS = [
    ("ink", "paper"),
    ("ink-soft", "paper"),
    ("ink-soft", "wash"),
    ("brand", "paper"),
    ("brand", "wash"),
    ("brand-dark", "paper"),
    ("error", "paper"),
    ("error", "error-wash"),
    ("warning", "warning-wash"),
    ("ink", "focus"),
]


@pytest.mark.parametrize("text, background", PAIRS)
def test_text_colours_meet_aa_contrast(text, background):
    colours = variables()
    ratio = contrast(colours[text], colours[background])
    assert ratio >= AA_TEXT, f"--{text} on --{background}: {ratio:.2f}:1"


def test_white_text_on_the_brand_colour_meets_aa_contrast():
    assert contrast("#ffffff", variables()["brand"]) >= AA_TEXT


def test_the_focus_ring_stands_out_on_every_background():
    rule = re.search(r"(?m)^:focus-visible\s*{([^}]*)}", CSS.read_text()).group(1)
    assert "var(--focus)" in rule and "var(--ink)" in rule
    colours = variables()
    ring = (colours["focus"], colours["ink"])
    for background in ("paper", "wash", "brand", "ink"):
        best = max(contrast(tone, colours[background]) for tone in ring)
        assert best >= AA_NON_TEXT, f"focus ring on --{background}: {best:.2f}:1"
    assert contrast(*ring) >= AA_NON_TEXT  # the two tones tell apart


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
