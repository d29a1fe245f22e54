#include "engine/geo/layer_index_file.hpp"

#include <unistd.h>
#include <xxhash.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <ostream>

#include "engine/core/error.hpp"
#include "engine/core/text.hpp"
#include "engine/geo/area_index.hpp"
#include "engine/geo/area_locator.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/shared_points.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/mapped_file.hpp"
#include "engine/io/vector_reader.hpp"

#ifndef REACHMAP_VERSION
#define REACHMAP_VERSION "dev"
#endif

namespace reachmap {

namespace {

// Bump when the index's layout or how a layer is read, repaired or indexed changes: every
// older file is then stale. 2: the areas' shared points.
constexpr std::uint64_t kFormat = 2;
constexpr char kMagic[8] = {'R', 'M', 'I', 'N', 'D', 'E', 'X', '\0'};

struct Hash128 {
  std::uint64_t low = 0, high = 0;
  bool operator==(const Hash128&) const = default;
};

// The fixed start of the file; the settings text follows, then the payload (the layer, then
// its index), each padded to 8 bytes so the index's arrays are aligned where they are mapped.
struct Header {
  char magic[8];
  std::uint64_t format;
  Hash128 build;    // this format, the struct sizes, reachmap's and its libraries' versions
  Hash128 content;  // the layer's files
  Hash128 payload;  // every byte after the settings text
  std::uint64_t settings_size, payload_size;
};

std::size_t padded(std::size_t n) {
  return (n + 7) / 8 * 8;
}

Hash128 hash_of(const void* data, std::size_t size) {
  const XXH128_hash_t h = XXH3_128bits(data, size);
  return {h.low64, h.high64};
}

Hash128 build_hash() {
  const std::string build = std::to_string(kFormat) + "|" + REACHMAP_VERSION + "|" +
                            gdal_version() + "|" + geos_version() + "|" + proj_version() + "|" +
                            std::to_string(sizeof(void*)) + "|" + std::to_string(sizeof(Header));
  return hash_of(build.data(), build.size());
}

// What shapes the layer besides its content: a file written for other settings is another
// layer, not a stale one.
std::string settings_text(const LayerSource& s, const std::string& analysis_crs) {
  return "layer '" + s.layer + "', id field '" + s.id + "', label field '" + s.label +
         "', filter '" + s.where + "', analysis CRS " + analysis_crs;
}

// A hash of every file the source is made of (name, size, bytes); nullopt when they cannot
// be listed or read (a remote or virtual source: no index file for it).
std::optional<Hash128> content_hash(const std::string& path) {
  const std::vector<std::string> files = vector_source_files(path);
  if (files.empty()) return std::nullopt;
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                 &XXH3_freeState);
  XXH3_128bits_reset(state.get());
  try {
    for (const std::string& f : files) {
      const MappedFile file(f, true);
      const std::string name = f.substr(f.find_last_of('/') + 1);
      const std::uint64_t size = file.size();
      XXH3_128bits_update(state.get(), name.data(), name.size() + 1);
      XXH3_128bits_update(state.get(), &size, sizeof size);
      if (size) XXH3_128bits_update(state.get(), file.data(), file.size());
    }
  } catch (const Error&) {
    return std::nullopt;
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state.get());
  return Hash128{h.low64, h.high64};
}

// The layer's fields, written and read in one order.
void put_u64(std::ostream& out, std::uint64_t v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_f64(std::ostream& out, double v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_bytes(std::ostream& out, const void* data, std::size_t size) {
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  static const char zeros[8] = {};
  out.write(zeros, static_cast<std::streamsize>(padded(size) - size));
}
void put_text(std::ostream& out, const std::string& s) {
  put_u64(out, s.size());
  put_bytes(out, s.data(), s.size());
}
template <class T>
void put_array(std::ostream& out, const std::vector<T>& v) {
  put_u64(out, v.size());
  put_bytes(out, v.data(), v.size() * sizeof(T));
}

void write_layer(std::ostream& out, const BoundaryLayer& layer, const SharedPoints* shared) {
  put_u64(out, layer.areas.size());
  for (const Area& a : layer.areas) {
    put_text(out, a.id);
    put_text(out, a.label);
    put_text(out, a.wkb);
    put_f64(out, a.anchor_x);
    put_f64(out, a.anchor_y);
  }
  put_u64(out, layer.repaired);
  put_u64(out, layer.no_geometry);
  put_u64(out, layer.overlaps.size());
  for (const auto& [first, second] : layer.overlaps) {
    put_u64(out, first);
    put_u64(out, second);
  }
  put_text(out, layer.transformation);
  put_u64(out, shared != nullptr);
  if (!shared) return;
  put_f64(out, shared->snap);
  put_array(out, shared->first);
  put_array(out, shared->other);
  put_array(out, shared->count);
}

// Reads what write_layer wrote; every length is checked against the end, so a damaged file
// fails here instead of reading past its end.
class Reader {
 public:
  Reader(const char* at, const char* end) : at_(at), end_(end) {}
  std::uint64_t u64() {
    std::uint64_t v = 0;
    take(&v, sizeof v);
    return v;
  }
  double f64() {
    double v = 0;
    take(&v, sizeof v);
    return v;
  }
  std::string text() {
    const std::uint64_t n = u64();
    if (n > static_cast<std::uint64_t>(end_ - at_)) throw Damaged();
    std::string s(at_, n);
    skip_padded(n);
    return s;
  }
  template <class T>
  std::vector<T> array() {
    const std::uint64_t n = u64();
    if (n > static_cast<std::uint64_t>(end_ - at_) / sizeof(T)) throw Damaged();
    std::vector<T> v(n);
    if (n) std::memcpy(v.data(), at_, n * sizeof(T));  // an empty vector's data may be null
    skip_padded(n * sizeof(T));
    return v;
  }
  const char* at() const { return at_; }
  struct Damaged {};

 private:
  void skip_padded(std::uint64_t n) {
    at_ += padded(n) <= static_cast<std::uint64_t>(end_ - at_) ? padded(n) : n;
  }
  void take(void* v, std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) < n) throw Damaged();
    std::memcpy(v, at_, n);
    at_ += n;
  }
  const char* at_;
  const char* end_;
};

BoundaryLayer read_layer(Reader& in, const LayerSource& section) {
  BoundaryLayer layer;
  layer.name = section.name;
  layer.display = section.display;
  const std::uint64_t n = in.u64();
  if (n > (1ULL << 32)) throw Reader::Damaged();
  layer.areas.resize(n);
  for (Area& a : layer.areas) {
    a.id = in.text();
    a.label = in.text();
    a.wkb = in.text();
    a.anchor_x = in.f64();
    a.anchor_y = in.f64();
  }
  layer.repaired = in.u64();
  layer.no_geometry = in.u64();
  const std::uint64_t pairs = in.u64();
  if (pairs > n * n) throw Reader::Damaged();
  for (std::uint64_t i = 0; i < pairs; ++i) {
    const std::uint64_t first = in.u64(), second = in.u64();
    if (first >= n || second >= n) throw Reader::Damaged();
    layer.overlaps.push_back({first, second});
  }
  layer.transformation = in.text();
  for (std::size_t i = 0; i < layer.areas.size(); ++i) {
    if (i > 0 && !(layer.areas[i - 1].id < layer.areas[i].id)) throw Reader::Damaged();
    layer.index_of.emplace(layer.areas[i].id, i);
  }
  if (in.u64()) {
    auto shared = std::make_shared<SharedPoints>();
    shared->snap = in.f64();
    shared->first = in.array<std::uint32_t>();
    shared->other = in.array<std::uint32_t>();
    shared->count = in.array<std::uint8_t>();
    // Each area's list within the others, ascending, naming an area: nothing read past an end.
    const auto& f = shared->first;
    bool sound = f.size() == n + 1 && f.front() == 0 && f.back() == shared->other.size() &&
                 shared->count.size() == shared->other.size();
    for (std::size_t p = 0; sound && p < n; ++p) {
      sound = f[p] <= f[p + 1];
      for (std::uint32_t k = f[p]; sound && k < f[p + 1]; ++k)
        sound = shared->other[k] < n && shared->other[k] != p &&
                (k == f[p] || shared->other[k - 1] < shared->other[k]);
    }
    if (!sound) throw Reader::Damaged();
    layer.shared_points = std::move(shared);
  }
  return layer;
}

// Writes the file for `layer` and `index` beside the layer, atomically: the payload streams to
// a new temporary file, is hashed where it lies (mapped), and the header goes in last.
std::size_t write_file(const std::string& target, const std::string& settings,
                       const Hash128& content, const BoundaryLayer& layer, const AreaIndex& index,
                       const SharedPoints* shared) {
  TemporaryFile tmp = open_temporary_for(target);
  // However this ends, the descriptor kept for the header is closed and an uncommitted
  // temporary file removed.
  struct Cleanup {
    const std::string& path;
    int fd = -1;
    bool committed = false;
    ~Cleanup() {
      if (fd >= 0) ::close(fd);
      if (!committed) ::unlink(path.c_str());
    }
  } cleanup{tmp.path};
  cleanup.fd = ::dup(tmp.fd);  // the buffer closes its own; the header is written after it
  {
    FdBuffer buffer(tmp.fd);
    std::ostream out(&buffer);
    const Header blank{};
    out.write(reinterpret_cast<const char*>(&blank), sizeof blank);
    put_text(out, settings);
    write_layer(out, layer, shared);
    index.write(out);
    out.flush();
    if (!out || !buffer.close())
      throw Error(ErrorCode::kOutput, "cannot write the layer's index file", {target},
                  "check there is space on the disk");
  }
  const MappedFile written(tmp.path, true);
  const std::size_t start = sizeof(Header) + 8 + padded(settings.size());
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.format = kFormat;
  h.build = build_hash();
  h.content = content;
  h.payload = hash_of(written.data() + start, written.size() - start);
  h.settings_size = settings.size();
  h.payload_size = written.size() - start;
  if (cleanup.fd < 0 || ::pwrite(cleanup.fd, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h) ||
      ::fsync(cleanup.fd) != 0)
    throw Error(ErrorCode::kOutput, "cannot write the layer's index file", {target},
                "check there is space on the disk");
  commit_file(tmp.path, target);
  cleanup.committed = true;
  return written.size();
}

}  // namespace

std::string layer_index_path(const LayerSource& section, const std::string& analysis_crs) {
  const std::string settings = settings_text(section, analysis_crs);
  char tag[9];
  std::snprintf(tag, sizeof tag, "%08x",
                static_cast<unsigned>(XXH3_64bits(settings.data(), settings.size())));
  std::string id;  // the id field, kept to what a file name can hold
  for (char c : section.id) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return section.path + "." + id.substr(0, 40) + "-" + tag + ".reachmap-index";
}

LayerIndexWritten write_layer_index(const LayerSource& section, const std::string& analysis_crs,
                                    int threads, std::optional<double> snap) {
  const auto t0 = std::chrono::steady_clock::now();
  LayerIndexWritten out;
  out.path = layer_index_path(section, analysis_crs);
  const std::optional<Hash128> content = content_hash(section.path);
  if (!content)
    throw Error(ErrorCode::kUnreadableInput, "the layer's files cannot be listed and read",
                {section.display},
                "an index file is kept beside a local file (GeoPackage, shapefile, GeoJSON); "
                "copy the layer to a local file first");
  const BoundaryLayer layer = load_boundary_layer(section, analysis_crs);
  const AreaIndex index(layer, threads);
  std::optional<SharedPoints> shared;
  if (snap) shared = layer_shared_points(layer, *snap, threads);
  out.bytes = write_file(out.path, settings_text(section, analysis_crs), *content, layer, index,
                         shared ? &*shared : nullptr);
  out.areas = layer.areas.size();
  out.leaves = index.stats().leaves;
  out.repaired = layer.repaired;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

// Long by design: each way an index file can fail to serve is named in the note.
BoundaryLayer load_layer_with_index(const LayerSource& section, const std::string& analysis_crs,
                                    int threads, bool rewrite, std::optional<double> snap) {
  const std::string path = layer_index_path(section, analysis_crs);
  if (::access(path.c_str(), F_OK) != 0) return load_boundary_layer(section, analysis_crs);
  const std::string shown = console_text(path, std::string::npos);
  const std::string settings = settings_text(section, analysis_crs);
  const std::optional<Hash128> content = content_hash(section.path);
  std::string why_rebuilt;
  try {
    auto file = std::make_shared<const MappedFile>(path, true);
    Header h{};
    if (file->size() < sizeof h) throw Reader::Damaged();
    std::memcpy(&h, file->data(), sizeof h);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) throw Reader::Damaged();
    Reader in(file->data() + sizeof h, file->data() + file->size());
    const std::string written_for = in.text();
    if (written_for != settings) {
      BoundaryLayer layer = load_boundary_layer(section, analysis_crs);
      layer.index_note = "index file " + shown + " was written for other settings (" +
                         console_text(written_for) + "; this run: " + console_text(settings) +
                         "): not used, left as it is";
      return layer;
    }
    if (!content) {
      BoundaryLayer layer = load_boundary_layer(section, analysis_crs);
      layer.index_note = "index file " + shown +
                         " not used: the layer's files cannot be listed and read to check it";
      return layer;
    }
    if (h.format != kFormat || !(h.build == build_hash())) {
      why_rebuilt = "was written by another build of reachmap or of GDAL, GEOS or PROJ";
    } else if (!(h.content == *content)) {
      why_rebuilt = "was stale (the layer changed since it was written)";
    } else {
      const char* payload = in.at();
      const std::size_t left = static_cast<std::size_t>(file->data() + file->size() - payload);
      if (h.payload_size != left || !(hash_of(payload, left) == h.payload)) throw Reader::Damaged();
      Reader body(payload, payload + left);
      BoundaryLayer layer = read_layer(body, section);
      const char* at = body.at();
      const std::size_t rest = static_cast<std::size_t>(file->data() + file->size() - at);
      layer.index = AreaIndex::view(file, at, rest);
      if (!layer.index || !layer.index->consistent(layer.areas.size())) throw Reader::Damaged();
      layer.index_note = "index file " + shown + " used (memory-mapped; the layer was not read)";
      return layer;
    }
  } catch (const Reader::Damaged&) {
    why_rebuilt = "was damaged";
  } catch (const Error& e) {
    why_rebuilt = "could not be read (" + e.message() + ")";
  }
  BoundaryLayer layer = load_boundary_layer(section, analysis_crs);
  if (!content) {
    layer.index_note = "index file " + shown + " " + why_rebuilt +
                       ": not used, and the layer's files cannot be read to write it again";
    return layer;
  }
  auto index = std::make_shared<const AreaIndex>(layer, threads);
  if (!rewrite) {
    layer.index_note = "index file " + shown + " " + why_rebuilt +
                       ": rebuilt for this run and left as it is (reachmap run or reachmap index "
                       "writes it again)";
    layer.index = std::move(index);
    return layer;
  }
  if (snap)
    layer.shared_points =
        std::make_shared<const SharedPoints>(layer_shared_points(layer, *snap, threads));
  try {
    write_file(path, settings, *content, layer, *index, layer.shared_points.get());
    layer.index_note = "index file " + shown + " " + why_rebuilt + ": rebuilt and written again";
  } catch (const Error& e) {
    layer.index_note = "index file " + shown + " " + why_rebuilt +
                       ": rebuilt for this run, but could not be written again (" +
                       console_text(e.message()) + ")";
  }
  layer.index = std::move(index);
  return layer;
}

}  // namespace reachmap
