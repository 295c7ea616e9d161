"""Illustrations for the demo articles, drawn with Pillow: no downloads, no text.

Each picture is a gradient in the colours of the article's kind, a few soft
circles placed from a seed, and one motif (a phone with a message, an envelope,
a shield, a megaphone …) drawn in white and accent colours. The same motif,
kind and seed always give the same pixels. Plain functions, no Django import.
"""

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
SCALE = 2  # drawn at twice the size and scaled down, for smooth edges

# kind → (top-left, bottom-right) of the background gradient
KIND_COLOURS = {
    "scam-alert": ((122, 28, 40), (208, 96, 58)),
    "guide": ((8, 58, 80), (26, 134, 122)),
    "press-release": ((22, 33, 60), (52, 74, 150)),
    "insight": ((60, 38, 96), (40, 104, 132)),
}
WHITE = (255, 255, 255, 255)
PAPER = (246, 248, 250, 255)
INK = (22, 33, 43, 255)
LINE = (200, 210, 218, 255)
SOFT = (255, 255, 255, 60)
AMBER = (255, 191, 71, 255)
GREEN = (46, 160, 96, 255)
RED = (214, 58, 58, 255)
BRAND = (11, 79, 108, 255)
BRICK = (200, 85, 61, 255)
MIST = (222, 229, 235, 255)
SLATE = (150, 165, 178, 255)

Point = tuple[float, float]


class Canvas:
    """An RGBA drawing surface addressed in 1600 × 900 units."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.image = Image.new("RGBA", (WIDTH * SCALE, HEIGHT * SCALE), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def box(x0, y0, x1, y1) -> list[float]:
        return [x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE]

    @staticmethod
    def points(points: list[Point]) -> list[Point]:
        return [(x * SCALE, y * SCALE) for x, y in points]

    def rect(self, x0, y0, x1, y1, *, fill=None, outline=None, width=0, radius=0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=round(radius * SCALE),
            fill=fill,
            outline=outline,
            width=round(width * SCALE),
        )

    def circle(self, cx, cy, r, *, fill=None, outline=None, width=0):
        self.draw.ellipse(
            self.box(cx - r, cy - r, cx + r, cy + r),
            fill=fill,
            outline=outline,
            width=round(width * SCALE),
        )

    def arc(self, cx, cy, r, start, end, *, fill=WHITE, width=10):
        self.draw.arc(
            self.box(cx - r, cy - r, cx + r, cy + r),
            start,
            end,
            fill=fill,
            width=round(width * SCALE),
        )

    def polygon(self, points: list[Point], *, fill=None, outline=None, width=0):
        self.draw.polygon(
            self.points(points), fill=fill, outline=outline, width=round(width * SCALE)
        )

    def line(self, points: list[Point], *, fill=WHITE, width=10, round_ends=True):
        self.draw.line(
            self.points(points), fill=fill, width=round(width * SCALE), joint="curve"
        )
        if round_ends:
            for x, y in points:
                self.circle(x, y, width / 2, fill=fill)

    def text_lines(self, x, y, width, count, *, gap=34, thickness=14, fill=LINE):
        """Grey bars standing for lines of text, the last one shorter."""
        for n in range(count):
            length = width if n < count - 1 else width * 0.6
            top = y + n * gap
            self.rect(
                x, top, x + length, top + thickness, fill=fill, radius=thickness / 2
            )


# Badges and small parts shared by the motifs


def warning_badge(c: Canvas, cx, cy, r=70):
    c.circle(cx, cy, r + 10, fill=WHITE)
    c.circle(cx, cy, r, fill=AMBER)
    half = r * 0.13
    c.rect(cx - half, cy - r * 0.6, cx + half, cy + r * 0.18, fill=INK, radius=half)
    c.circle(cx, cy + r * 0.45, r * 0.14, fill=INK)


def check_badge(c: Canvas, cx, cy, r=70):
    c.circle(cx, cy, r + 10, fill=WHITE)
    c.circle(cx, cy, r, fill=GREEN)
    tick = [
        (cx - r * 0.45, cy),
        (cx - r * 0.1, cy + r * 0.35),
        (cx + r * 0.5, cy - r * 0.35),
    ]
    c.line(tick, width=r * 0.2)


def cross_badge(c: Canvas, cx, cy, r=70):
    c.circle(cx, cy, r + 10, fill=WHITE)
    c.circle(cx, cy, r, fill=RED)
    d = r * 0.38
    c.line([(cx - d, cy - d), (cx + d, cy + d)], width=r * 0.2)
    c.line([(cx - d, cy + d), (cx + d, cy - d)], width=r * 0.2)


def phone(c: Canvas, cx, cy, w=320, h=600):
    """A phone outline; returns the screen's box."""
    x0, y0, x1, y1 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
    c.rect(x0, y0, x1, y1, fill=INK, outline=WHITE, width=14, radius=48)
    c.rect(cx - 40, y0 + 22, cx + 40, y0 + 36, fill=WHITE, radius=7)
    screen = (x0 + 26, y0 + 56, x1 - 26, y1 - 40)
    c.rect(*screen, fill=PAPER, radius=20)
    return screen


def bubble(c: Canvas, x0, y0, x1, y1, *, fill=WHITE, tail="left", lines=2):
    c.rect(x0, y0, x1, y1, fill=fill, radius=26)
    if tail == "left":
        c.polygon(
            [(x0 + 20, y1 - 30), (x0 - 26, y1 + 18), (x0 + 60, y1 - 4)], fill=fill
        )
    else:
        c.polygon(
            [(x1 - 20, y1 - 30), (x1 + 26, y1 + 18), (x1 - 60, y1 - 4)], fill=fill
        )
    if lines:
        gap = (y1 - y0 - 40) / max(lines, 1)
        c.text_lines(x0 + 28, y0 + 26, x1 - x0 - 56, lines, gap=gap, thickness=14)


def envelope(c: Canvas, cx, cy, w=640, h=400, *, letter=True):
    x0, y0, x1, y1 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
    if letter:
        c.rect(x0 + 50, y0 - 150, x1 - 50, cy + 40, fill=PAPER, radius=10)
        c.text_lines(x0 + 100, y0 - 100, w - 200, 4, gap=40, thickness=16)
    c.rect(x0, y0, x1, y1, fill=WHITE, radius=14)
    c.polygon(
        [(x0, y0 + 10), (cx, cy + 40), (x1, y0 + 10), (x1, y1), (x0, y1)],
        fill=(232, 237, 241, 255),
    )
    c.line([(x0 + 14, y1 - 14), (cx, cy + 10), (x1 - 14, y1 - 14)], fill=LINE, width=8)
    return x0, y0, x1, y1


def document(c: Canvas, x0, y0, x1, y1, *, lines=7):
    c.rect(x0, y0, x1, y1, fill=PAPER, radius=14)
    c.rect(x0 + 40, y0 + 40, x0 + 150, y0 + 110, fill=BRAND, radius=10)
    c.text_lines(x0 + 40, y0 + 150, x1 - x0 - 80, lines, gap=44, thickness=16)


def person(c: Canvas, cx, cy, size=1.0, *, fill=WHITE):
    c.circle(cx, cy - 70 * size, 48 * size, fill=fill)
    c.rect(
        cx - 80 * size, cy, cx + 80 * size, cy + 150 * size, fill=fill, radius=70 * size
    )


# Motifs: one per idea. Each draws around the centre of the picture.


def motif_sms(c: Canvas):
    x0, y0, x1, y1 = phone(c, 640, 450)
    bubble(c, x0 + 50, y0 + 40, x1 - 40, y0 + 140, fill=MIST)
    bubble(c, x0 + 60, y0 + 190, x1 - 50, y0 + 290, fill=BRAND, tail="right", lines=0)
    c.text_lines(x0 + 88, y0 + 218, 150, 2, fill=(120, 170, 192, 255))
    bubble(c, 860, 250, 1200, 420, lines=3)
    c.circle(1000, 560, 70, fill=AMBER)
    c.circle(1000, 560, 46, outline=INK, width=8)
    warning_badge(c, 1220, 240)


def motif_letter(c: Canvas):
    envelope(c, 800, 520)
    c.circle(800, 560, 46, fill=BRICK)


def motif_email_threat(c: Canvas):
    envelope(c, 760, 520, letter=False)
    bolt = [(780, 250), (700, 420), (770, 420), (730, 560), (880, 360), (800, 360)]
    c.polygon([*bolt, (850, 250)], fill=AMBER)
    warning_badge(c, 1120, 330)


def motif_verify_letter(c: Canvas):
    document(c, 480, 150, 940, 780)
    c.circle(980, 480, 150, fill=(214, 232, 240, 255), outline=WHITE, width=26)
    c.text_lines(880, 420, 200, 3, gap=60, thickness=26, fill=(150, 172, 188, 255))
    c.line([(1090, 590), (1220, 720)], width=46)
    check_badge(c, 1230, 250)


def motif_shield(c: Canvas):
    points = [(800, 140), (1040, 230), (1040, 440)]
    points += [
        (800 + 240 * math.cos(a), 440 + 320 * math.sin(a))
        for a in (i / 20 * math.pi / 2 for i in range(1, 20))
    ]
    points += [(800, 760)]
    points += [(800 - (x - 800), y) for x, y in reversed(points[:-1])]
    c.polygon(points, fill=WHITE)
    inner = [(800 + (x - 800) * 0.8, 140 + (y - 140) * 0.82 + 40) for x, y in points]
    c.polygon(inner, fill=(26, 134, 122, 255))
    c.line([(690, 450), (770, 540), (930, 360)], width=44)


def motif_megaphone(c: Canvas):
    c.polygon([(560, 380), (960, 200), (960, 700), (560, 520)], fill=WHITE)
    c.rect(480, 370, 580, 530, fill=WHITE, radius=20)
    c.rect(940, 180, 1010, 720, fill=AMBER, radius=30)
    c.polygon([(620, 520), (700, 540), (660, 690), (590, 690)], fill=WHITE)
    for n, r in enumerate((120, 200, 280)):
        c.arc(1010, 450, r, -40, 40, fill=(255, 255, 255, 230 - n * 60), width=22)


def motif_quote(c: Canvas):
    for cx in (620, 860):
        c.circle(cx, 400, 90, fill=WHITE)
        tail = [(-89, 410), (-75, 320), (-30, 255), (40, 225), (-5, 290), (30, 330)]
        c.polygon([(cx + dx, y) for dx, y in tail], fill=WHITE)
    c.rect(480, 580, 1120, 620, fill=SOFT, radius=20)
    c.rect(480, 660, 980, 700, fill=SOFT, radius=20)
    c.rect(1120, 220, 1260, 520, fill=AMBER, radius=70)
    c.arc(1190, 420, 110, 0, 180, width=16)
    c.rect(1178, 530, 1202, 640, fill=WHITE)
    c.rect(1110, 630, 1270, 660, fill=WHITE, radius=15)


def _qr_modules(rng: random.Random, size=21) -> list[tuple[int, int]]:
    """Dark modules of a QR-like pattern: finder squares and random fill."""
    finder = {(0, 0), (0, size - 7), (size - 7, 0)}
    dark = []
    for row in range(size):
        for col in range(size):
            corner = next(
                ((r, q) for r, q in finder if r <= row < r + 7 and q <= col < q + 7),
                None,
            )
            if corner:
                r, q = row - corner[0], col - corner[1]
                ring = max(abs(r - 3), abs(q - 3))
                if ring in (0, 1, 3):
                    dark.append((row, col))
            elif (
                not any(
                    r - 1 <= row < r + 8 and q - 1 <= col < q + 8 for r, q in finder
                )
                and rng.random() < 0.5
            ):
                dark.append((row, col))
    return dark


def motif_qr(c: Canvas):
    size, cell = 21, 22
    x0, y0 = 520, 450 - size * cell / 2
    side = size * cell
    c.rect(x0 - 40, y0 - 40, x0 + side + 40, y0 + side + 40, fill=WHITE, radius=24)
    for row, col in _qr_modules(c.rng, size):
        x, y = x0 + col * cell, y0 + row * cell
        c.rect(x, y, x + cell, y + cell, fill=INK)
    # A sticker stuck over part of the code
    c.rect(x0 + 250, y0 + 250, x0 + 450, y0 + 450, fill=AMBER, radius=14)
    c.rect(x0 + 250, y0 + 250, x0 + 450, y0 + 290, fill=(255, 214, 130, 255), radius=14)
    phone(c, 1180, 470, w=260, h=480)
    for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
        cx, cy = 1180 + dx * 70, 460 + dy * 70
        c.line([(cx, cy - dy * 40), (cx, cy), (cx - dx * 40, cy)], fill=INK, width=10)
    warning_badge(c, 1300, 210)


def motif_incoming_call(c: Canvas):
    x0, y0, x1, y1 = phone(c, 800, 450)
    cx = (x0 + x1) / 2
    c.circle(cx, y0 + 130, 80, fill=MIST)
    person(c, cx, y0 + 150, 0.55, fill=SLATE)
    c.rect(cx - 100, y0 + 250, cx + 100, y0 + 270, fill=LINE, radius=10)
    c.rect(cx - 70, y0 + 295, cx + 70, y0 + 311, fill=LINE, radius=8)
    c.circle(cx - 70, y1 - 80, 38, fill=RED)
    c.circle(cx + 70, y1 - 80, 38, fill=GREEN)
    for n, r in enumerate((230, 300, 370)):
        alpha = 220 - n * 60
        c.arc(800, 450, r, 150, 210, fill=(255, 255, 255, alpha), width=18)
        c.arc(800, 450, r, -30, 30, fill=(255, 255, 255, alpha), width=18)
    warning_badge(c, 990, 170)


def motif_voice(c: Canvas):
    bars = 25
    for n in range(bars):
        x = 360 + n * 36
        height = 40 + 300 * abs(math.sin(n * 0.55)) * (0.5 + 0.5 * c.rng.random())
        fill = WHITE if n < bars // 2 else AMBER
        c.rect(x, 450 - height / 2, x + 20, 450 + height / 2, fill=fill, radius=10)
    c.circle(1260, 450, 130, fill=WHITE)
    c.rect(1220, 340, 1300, 480, fill=INK, radius=40)
    c.arc(1260, 440, 72, 20, 160, fill=INK, width=12)
    c.rect(1254, 510, 1266, 545, fill=INK)
    warning_badge(c, 1370, 310, r=56)


def motif_door(c: Canvas):
    c.rect(540, 140, 900, 800, fill=(255, 255, 255, 90), radius=8)
    c.rect(560, 160, 880, 800, fill=(30, 40, 52, 255))
    person(c, 720, 470, 1.3, fill=(120, 134, 148, 255))
    c.polygon([(880, 160), (1080, 110), (1080, 850), (880, 800)], fill=WHITE)
    c.circle(1040, 480, 16, fill=INK)
    warning_badge(c, 1240, 260)


def motif_web(c: Canvas):
    c.rect(380, 170, 1220, 760, fill=WHITE, radius=24)
    c.rect(380, 170, 1220, 250, fill=MIST, radius=24)
    c.rect(380, 220, 1220, 250, fill=MIST)
    for n in range(3):
        c.circle(420 + n * 36, 210, 11, fill=SLATE)
    c.rect(540, 192, 1180, 230, fill=WHITE, radius=19)
    for y in (320, 420, 520):
        c.rect(500, y, 900, y + 60, fill=PAPER, outline=LINE, width=4, radius=10)
    c.rect(500, 630, 720, 690, fill=BRICK, radius=12)
    c.line([(1060, 90), (1060, 380)], fill=(255, 255, 255, 200), width=6)
    c.arc(1020, 420, 50, 0, 200, fill=INK, width=16)
    c.line([(1070, 420), (1070, 380)], fill=INK, width=16)
    c.polygon([(962, 400), (985, 440), (950, 440)], fill=INK)
    warning_badge(c, 1220, 170)


def motif_remote_access(c: Canvas):
    c.rect(300, 220, 920, 620, fill=INK, outline=WHITE, width=14, radius=18)
    c.rect(330, 250, 890, 590, fill=PAPER, radius=6)
    c.text_lines(380, 300, 460, 5, gap=52, thickness=18)
    c.polygon([(240, 640), (980, 640), (1020, 700), (200, 700)], fill=WHITE)
    phone(c, 1240, 470, w=240, h=440)
    for n in range(5):
        x = 950 + n * 40
        c.circle(x, 420, 9, fill=AMBER)
    c.polygon([(1150, 400), (1180, 420), (1150, 440)], fill=AMBER)
    warning_badge(c, 1350, 230)


def motif_bank(c: Canvas):
    c.polygon([(800, 130), (1160, 320), (440, 320)], fill=WHITE)
    c.rect(470, 320, 1130, 360, fill=WHITE)
    for n in range(5):
        x = 510 + n * 130
        c.rect(x, 380, x + 70, 660, fill=WHITE, radius=6)
    c.rect(440, 680, 1160, 740, fill=WHITE, radius=6)
    c.circle(800, 255, 34, fill=AMBER)
    check_badge(c, 1200, 640)


def motif_scales(c: Canvas):
    c.rect(788, 200, 812, 700, fill=WHITE, radius=10)
    c.rect(660, 690, 940, 730, fill=WHITE, radius=16)
    c.line([(500, 280), (1100, 280)], width=22)
    c.circle(800, 200, 32, fill=AMBER)
    for cx in (500, 1100):
        c.line([(cx, 280), (cx - 110, 520)], fill=(255, 255, 255, 200), width=6)
        c.line([(cx, 280), (cx + 110, 520)], fill=(255, 255, 255, 200), width=6)
        c.draw.chord(c.box(cx - 140, 430, cx + 140, 610), 0, 180, fill=WHITE)


def motif_lifebuoy(c: Canvas):
    c.circle(800, 450, 300, fill=WHITE)
    for start in (20, 110, 200, 290):
        c.draw.pieslice(c.box(500, 150, 1100, 750), start, start + 50, fill=RED)
    # A transparent fill clears the pixels: the ring's hole shows the background.
    c.circle(800, 450, 150, fill=(0, 0, 0, 0))


def motif_calendar(c: Canvas):
    c.rect(420, 170, 1180, 780, fill=WHITE, radius=28)
    c.rect(420, 170, 1180, 300, fill=BRICK, radius=28)
    c.rect(420, 260, 1180, 300, fill=BRICK)
    for x in (560, 1040):
        c.rect(x - 18, 130, x + 18, 220, fill=INK, radius=18)
    for row in range(4):
        for col in range(6):
            x, y = 470 + col * 115, 330 + row * 110
            c.rect(x, y, x + 90, y + 85, fill=PAPER, outline=LINE, width=3, radius=10)
            if (row * 6 + col) % 7 == 3:
                c.line(
                    [(x + 22, y + 44), (x + 40, y + 62), (x + 70, y + 24)],
                    fill=GREEN,
                    width=10,
                )


def motif_chart(c: Canvas):
    c.line([(400, 160), (400, 740), (1220, 740)], width=12)
    heights = [150, 210, 190, 290, 340, 420]
    for n, height in enumerate(heights):
        x = 460 + n * 125
        fill = AMBER if n == len(heights) - 1 else WHITE
        c.rect(x, 720 - height, x + 80, 720, fill=fill, radius=8)
    trend = [(500 + n * 125, 620 - h - 30) for n, h in enumerate(heights)]
    c.line(trend, fill=(255, 255, 255, 200), width=8)
    for x, y in trend:
        c.circle(x, y, 16, fill=WHITE)


def motif_partnership(c: Canvas):
    c.circle(680, 450, 230, outline=WHITE, width=40)
    c.circle(920, 450, 230, outline=AMBER, width=40)
    c.arc(680, 450, 230, -40, 40, fill=WHITE, width=40)
    check_badge(c, 1220, 230)


def motif_people(c: Canvas):
    person(c, 560, 470, 1.1, fill=(255, 255, 255, 200))
    person(c, 1040, 470, 1.1, fill=(255, 255, 255, 200))
    person(c, 800, 440, 1.45)
    bubble(c, 980, 120, 1300, 260, fill=AMBER, lines=0)
    c.circle(1140, 190, 16, fill=INK)
    c.circle(1080, 190, 16, fill=INK)
    c.circle(1200, 190, 16, fill=INK)


def motif_discount(c: Canvas):
    tag = [(560, 220), (1020, 220), (1200, 450), (1020, 680), (560, 680)]
    c.polygon(tag, fill=WHITE)
    c.circle(1060, 450, 30, fill=(122, 28, 40, 255))
    c.circle(690, 350, 56, outline=INK, width=22)
    c.circle(890, 550, 56, outline=INK, width=22)
    c.line([(900, 300), (680, 600)], fill=INK, width=26)
    c.line([(1090, 450), (1250, 320)], fill=(255, 255, 255, 200), width=6)
    cross_badge(c, 1250, 680)


def motif_id_card(c: Canvas):
    c.rect(420, 230, 1120, 690, fill=WHITE, radius=30)
    c.rect(420, 230, 1120, 320, fill=BRAND, radius=30)
    c.rect(420, 290, 1120, 320, fill=BRAND)
    c.rect(470, 370, 670, 620, fill=MIST, radius=14)
    person(c, 570, 500, 0.7, fill=SLATE)
    c.rect(470, 560, 670, 620, fill=MIST)
    c.text_lines(720, 390, 340, 4, gap=56, thickness=20)
    check_badge(c, 1130, 640, r=80)


def motif_personal_account(c: Canvas):
    motif_bank(c)
    c.rect(1180, 190, 1400, 340, fill=WHITE, radius=20)
    c.rect(1180, 225, 1400, 255, fill=INK)
    cross_badge(c, 1390, 180, r=50)


MOTIFS: dict[str, Callable[[Canvas], None]] = {
    "sms": motif_sms,
    "letter": motif_letter,
    "email-threat": motif_email_threat,
    "verify-letter": motif_verify_letter,
    "shield": motif_shield,
    "megaphone": motif_megaphone,
    "quote": motif_quote,
    "qr": motif_qr,
    "incoming-call": motif_incoming_call,
    "voice": motif_voice,
    "door": motif_door,
    "web": motif_web,
    "remote-access": motif_remote_access,
    "bank": motif_bank,
    "personal-account": motif_personal_account,
    "scales": motif_scales,
    "lifebuoy": motif_lifebuoy,
    "calendar": motif_calendar,
    "chart": motif_chart,
    "partnership": motif_partnership,
    "people": motif_people,
    "discount": motif_discount,
    "id-card": motif_id_card,
}


def _background(kind: str, rng: random.Random) -> Image.Image:
    """The kind's gradient with soft circles, drawn small and scaled up once."""
    start, end = KIND_COLOURS[kind]
    middle = tuple((a + b) // 2 for a, b in zip(start, end, strict=True))
    corners = Image.new("RGB", (2, 2))
    corners.putdata([start, middle, middle, end])
    small = (WIDTH // 4, HEIGHT // 4)
    background = corners.resize(small, Image.Resampling.BILINEAR).convert("RGBA")
    glow = Image.new("RGBA", small, (255, 255, 255, 0))
    draw = ImageDraw.Draw(glow)
    for _ in range(7):
        r = rng.randint(20, 80)
        x, y = rng.randint(0, small[0]), rng.randint(0, small[1])
        alpha = rng.randint(10, 26)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, alpha))
    glow = glow.filter(ImageFilter.GaussianBlur(3))
    background = Image.alpha_composite(background, glow)
    return background.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)


def _shadow(shapes: Image.Image) -> Image.Image:
    """A soft drop shadow under the shapes, offset down and to the right."""
    alpha = shapes.getchannel("A").reduce(4).point(lambda a: a * 45 // 255)
    alpha = alpha.filter(ImageFilter.GaussianBlur(2.5))
    shadow = Image.new("RGBA", shapes.size, (0, 0, 0, 0))
    mask = Image.new("L", shapes.size, 0)
    mask.paste(alpha.resize(shapes.size, Image.Resampling.BILINEAR), (8, 12))
    shadow.putalpha(mask)
    return shadow


def draw_illustration(motif: str, *, kind: str, seed: str) -> Image.Image:
    """A 1600 × 900 picture of ``motif`` on the background of ``kind``."""
    if motif not in MOTIFS:
        raise ValueError(
            f"unknown motif {motif!r} (known: {', '.join(sorted(MOTIFS))})"
        )
    # Layout only, never security: a seeded generator keeps pictures reproducible.
    rng = random.Random(f"{kind}:{motif}:{seed}")  # noqa: S311
    background = _background(kind, rng)
    canvas = Canvas(rng)
    MOTIFS[motif](canvas)
    shapes = canvas.image.reduce(SCALE)
    picture = Image.alpha_composite(background, _shadow(shapes))
    return Image.alpha_composite(picture, shapes).convert("RGB")


def illustration_bytes(motif: str, *, kind: str, seed: str) -> bytes:
    """The picture as a JPEG file's bytes.

    JPEG rather than PNG: Wagtail writes a picture's renditions in the format
    of the original, and six PNG renditions of one picture (at the highest
    compression Wagtail asks for) cost about 0.5 s of CPU against about 0.15 s
    as JPEG, files half the size, with no difference to see at quality 90."""
    buffer = io.BytesIO()
    draw_illustration(motif, kind=kind, seed=seed).save(
        buffer, format="JPEG", quality=90
    )
    return buffer.getvalue()
