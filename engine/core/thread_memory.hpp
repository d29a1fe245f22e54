// A thread beside the run that is done gives back the memory it freed. jemalloc (the command's
// allocator) keeps a thread's freed pages in its arena for seconds; a thread that made
// something large beside the reading of the inputs left some 250 MB resident through the
// attendance's link, the run's peak.
#pragma once

namespace reachmap {

// Flushes this thread's cache of freed blocks into its arena and has the arena return its
// unused pages to the system. Nothing when the process does not run on jemalloc.
void release_thread_memory();

}  // namespace reachmap
