#include "engine/report/detail/html.hpp"

#include "engine/core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reachmap::report {

std::string esc(std::string_view text) {
  return xml_escape(text);
}

std::string json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
             (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string pct(std::optional<double> share, int decimals) {
  if (!share) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f%%", decimals, *share * 100);
  return buf;
}

std::string whole(double v) {
  const long long n = std::llround(v);
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string count_text(const std::string& value, const std::string& band) {
  if (!value.empty()) {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    return end && *end == '\0' ? whole(v) : value;
  }
  // A small count's band reads as words a manager says: "fewer than 5" for 0-4.
  if (band.rfind("0-", 0) == 0 && band.find_first_not_of("0123456789", 2) == std::string::npos &&
      band.size() > 2)
    return "fewer than " + std::to_string(std::stoll(band.substr(2)) + 1);
  if (!band.empty()) return band;
  return "-";
}

std::string share_with_interval(std::optional<double> share, std::optional<double> low,
                                std::optional<double> high) {
  std::string s = share ? pct(share) : (low && high ? "hidden" : "-");
  if (low && high) s += " (" + pct(low) + " to " + pct(high) + ")";
  return s;
}

SvgView fit_view(const Envelope& e, double width, double max_height, double margin) {
  SvgView v;
  v.margin = margin;
  v.minx = e.minx, v.maxy = e.maxy;
  const double w = std::max(e.maxx - e.minx, 1.0), h = std::max(e.maxy - e.miny, 1.0);
  v.scale = std::min((width - 2 * margin) / w, (max_height - 2 * margin) / h);
  v.width = width;
  v.height = std::ceil(h * v.scale + 2 * margin);
  return v;
}

std::string px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string svg_path(const std::vector<Ring>& rings, const SvgView& view) {
  std::string d;
  for (const Ring& ring : rings) {
    std::string part;
    long last_x = 0, last_y = 0;
    std::size_t points = 0;
    for (const XY& p : ring) {
      const XY q = view.to(p.x, p.y);
      const long x = std::lround(q.x * 10), y = std::lround(q.y * 10);
      if (points && x == last_x && y == last_y) continue;
      part += (points ? "L" : "M") + px(double(x) / 10) + " " + px(double(y) / 10);
      last_x = x, last_y = y;
      ++points;
    }
    if (points >= 3) d += part + "Z";
  }
  return d;
}

std::string base64(std::string_view in) {
  static const char* const kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const auto byte = [&](std::size_t k) {
      return k < in.size() ? static_cast<unsigned>(static_cast<unsigned char>(in[k])) : 0u;
    };
    const unsigned n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += i + 1 < in.size() ? kAlphabet[n >> 6 & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

XY label_point(const std::vector<Ring>& rings) {
  XY best{0, 0};
  double best_area = -1;
  for (const Ring& r : rings) {
    double a = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
      const double cross = r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
      a += cross;
      cx += (r[i].x + r[i + 1].x) * cross;
      cy += (r[i].y + r[i + 1].y) * cross;
    }
    if (std::fabs(a) > best_area && a != 0) {
      best_area = std::fabs(a);
      best = {cx / (3 * a), cy / (3 * a)};
    }
  }
  return best;
}

std::string number_disc(XY at, std::size_t number) {
  return "<circle cx=\"" + px(at.x) + "\" cy=\"" + px(at.y) + "\" r=\"9\"/><text x=\"" + px(at.x) +
         "\" y=\"" + px(at.y + 4) + "\">" + std::to_string(number) + "</text>";
}

}  // namespace reachmap::report
