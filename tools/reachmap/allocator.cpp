// jemalloc's settings, read by jemalloc itself at the first allocation (it is linked in place
// of glibc's malloc; see CMakeLists.txt). Huge pages (2 MiB) for the heap and jemalloc's own
// metadata: a national run's millions of children, postcodes and contacts fault a 512th as
// many pages. MALLOC_CONF in the environment still overrides any of these.
extern "C" {
// NOLINTNEXTLINE: the name and type jemalloc looks for
const char* malloc_conf = "thp:always,metadata_thp:always";
}
