// Files read back from a finished output folder (the report's inputs): plain files that lie in
// the folder itself, named by checked names, never reached through a link, never a FIFO or a
// device, and (where the folder's manifest lists them) holding the bytes the run wrote.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace reachmap {

// `folder`/`name` when it is a plain file; nullopt when nothing has that name. Throws
// Error(kUnreadableInput) naming it when it is a link, a folder, a FIFO or a device, or when
// `name` is not a plain file name (a path, "..", a control character).
std::optional<std::string> plain_file_in(const std::string& folder, const std::string& name);

// The whole of a plain file (opened without following a link and without blocking on a FIFO;
// checked to be a regular file once open). Throws Error(kUnreadableInput).
std::string read_plain_file(const std::string& path, const std::string& display);

// The SHA-256 each file of a set should have, by its path in the set (a manifest's "outputs").
using FileDigests = std::map<std::string, std::string>;

// What a manifest's "outputs" says each file's SHA-256 is (`manifest_json`: the text of a
// manifest.json); nullopt when it is not JSON or has no list of {"path", "sha256"} entries.
// One reading for the output set's inventory and the report.
std::optional<FileDigests> output_digests(const std::string& manifest_json);

// Throws Error(kBadInput) naming `name` when `digests` lists it with another SHA-256, or does
// not list it at all.
void check_digest(const std::string& path, const std::string& name, const FileDigests& digests);

}  // namespace reachmap
