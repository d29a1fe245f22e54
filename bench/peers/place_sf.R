# The same job as `reachmap place --out-counts`, done the fastest way R sf offers, as a whole
# process: read the points (base R's scan, the fastest reader Debian's R has without
# data.table), read the areas and repair only the invalid ones, st_contains(polygons, points)
# (GEOS prepared geometries, sf's STRtree), then count per area.
# A point on a shared boundary belongs to no polygon under st_contains (interior only) and is
# not counted; reachmap gives it to the id that sorts first, so counts differ by those few.
#   Rscript bench/peers/place_sf.R POINTS.csv BOUNDARIES.gpkg ID_FIELD OUT_COUNTS.csv
# Debian: apt-get install r-cran-sf
suppressPackageStartupMessages(library(sf))
args <- commandArgs(trailingOnly = TRUE)
t0 <- Sys.time()
pts <- scan(args[1], what = list(point_id = "", x = 0, y = 0), sep = ",", skip = 1,
            quiet = TRUE)
pts <- data.frame(x = pts$x, y = pts$y)
points <- st_as_sf(pts, coords = c("x", "y"), crs = 27700)
t_read <- Sys.time()
areas <- st_read(args[2], quiet = TRUE)
valid <- st_is_valid(areas)
areas[!valid, ] <- st_make_valid(areas[!valid, ])
t_areas <- Sys.time()
inside <- st_contains(areas, points)
counts <- lengths(inside)
t_join <- Sys.time()
out <- data.frame(area_id = areas[[args[3]]], count = counts)
out <- out[order(out$area_id), ]
write.csv(out, args[4], row.names = FALSE, quote = FALSE)
cat(sprintf("sf %s (GEOS %s): read points %.2f s, read+repair areas %.2f s, st_contains %.2f s\n",
            packageVersion("sf"), sf_extSoftVersion()[["GEOS"]],
            as.numeric(t_read - t0, units = "secs"), as.numeric(t_areas - t_read, units = "secs"),
            as.numeric(t_join - t_areas, units = "secs")))
