"""The rating trend as a self-contained SVG (server-rendered: no script, no CDN).

Bars show how many ratings each bucket got (left scale); the line shows their average
on the 1–5 scale (right scale). Empty buckets have a gap in the line, not a zero.
"""

from html import escape

from assistant.feedback.models import TrendPoint

__all__ = ["trend_svg"]

_W, _H = 720, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 36, 16, 40


def trend_svg(points: list[TrendPoint], *, title: str, language: str = "vi") -> str:
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    top_count = max([p.count for p in points] + [1])
    step = plot_w / max(len(points), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{_LEFT}" y="{_TOP}" width="{plot_w}" height="{plot_h}" '
        'fill="#fafafa" stroke="#ddd"/>',
    ]
    for stars in range(1, 6):  # right-hand scale and guide lines of the average
        y = _TOP + plot_h - (stars - 1) / 4 * plot_h
        parts.append(f'<line x1="{_LEFT}" x2="{_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#eee"/>')
        parts.append(f'<text x="{_LEFT + plot_w + 6}" y="{y + 4:.1f}" fill="#b35c00">'
                     f"{stars}★</text>")
    parts.append(f'<text x="{_LEFT - 6}" y="{_TOP + 10}" text-anchor="end" fill="#2b6cb0">'
                 f"{top_count}</text>")
    parts.append(f'<text x="{_LEFT - 6}" y="{_TOP + plot_h}" text-anchor="end" '
                 'fill="#2b6cb0">0</text>')
    label_every = max(1, len(points) // 12)
    line: list[list[str]] = [[]]
    for i, point in enumerate(points):
        x = _LEFT + i * step
        height = point.count / top_count * plot_h
        average = "–" if point.average is None else f"{point.average:.2f}"
        tip = f"{point.start.isoformat()}: {point.count} · {average}★"
        parts.append(
            f'<rect class="bar" x="{x + step * 0.15:.1f}" y="{_TOP + plot_h - height:.1f}" '
            f'width="{step * 0.7:.1f}" height="{height:.1f}" fill="#90cdf4">'
            f"<title>{escape(tip)}</title></rect>"
        )
        if i % label_every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{_H - _BOTTOM + 16}" '
                         f'text-anchor="middle" fill="#444">{_short(point)}</text>')
        if point.average is None:
            line.append([])
        else:
            y = _TOP + plot_h - (point.average - 1) / 4 * plot_h
            line[-1].append(f"{x + step / 2:.1f},{y:.1f}")
    for segment in line:
        if len(segment) > 1:
            parts.append(f'<polyline class="average" points="{" ".join(segment)}" '
                         'fill="none" stroke="#dd6b20" stroke-width="2"/>')
        for xy in segment:
            cx, cy = xy.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="#dd6b20"/>')
    legend = ("Số lượt đánh giá", "Điểm trung bình") if language != "en" else (
        "Ratings", "Average")
    parts.append(f'<text x="{_LEFT}" y="{_H - 6}" fill="#2b6cb0">■ {legend[0]}</text>')
    parts.append(f'<text x="{_LEFT + 160}" y="{_H - 6}" fill="#dd6b20">● {legend[1]}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _short(point: TrendPoint) -> str:
    return point.start.strftime("%d/%m")
