# An independent recomputation of a whole run's analysis columns, from the run's private table
# (counts, population, deprivation) and the real boundaries and postcodes in ../shared/data,
# with R spdep (Debian r-cran-spdep, r-cran-sf). It checks the pipeline, not the functions one by
# one: the variable, the areas analysed (every area with a population, however few are seen),
# the weights, the regression and the priority formula (README "The outreach priority").
#
#   examples/manchester/run.sh /tmp/manchester
#   Rscript tests/reference/pipeline_reference.R /tmp/manchester
#
# writes tests/reference/pipeline_manchester.csv (one row per LSOA 2021 in code order) and
# tests/reference/pipeline_manchester_global.csv; tests/e2e/examples_test.cpp compares a fresh run
# with them. Local Moran's p-values and clusters come from conditional permutations with
# reachmap's own counter-based RNG, so they cannot be drawn again here: the low-low flag that
# the priority uses is read from the run, everything else is recomputed.
suppressMessages({ library(sf); library(spdep) })
sf_use_s2(FALSE)

args <- commandArgs(trailingOnly = TRUE)
run <- if (length(args) > 0) args[1] else "examples/manchester/out"
shared <- "../shared/data"

t <- read.csv(file.path(run, "private/indicators_lsoa21.csv"), stringsAsFactors = FALSE)
t <- t[order(t$area_id), ]
b <- st_read(file.path(shared, "boundaries/lsoa21_greater_manchester_bgc.gpkg"), quiet = TRUE)
b <- b[grepl("^Manchester ", b$lsoa21nm), ]
b <- st_transform(b[order(b$lsoa21cd), ], 27700)
stopifnot(identical(b$lsoa21cd, t$area_id))

# Access: the mean position of the directory's postcodes inside each area, then the straight
# line to the nearest centre.
pc <- read.csv(file.path(shared, "postcodes/postcodes_nspl_b_m_cf.csv"), stringsAsFactors = FALSE)
pc <- pc[!is.na(pc$lat) & !is.na(pc$long), ]
pts <- st_transform(st_as_sf(pc, coords = c("long", "lat"), crs = 4326), 27700)
inside <- st_within(pts, b)
area_of <- sapply(inside, function(v) if (length(v)) min(v) else NA)
xy <- st_coordinates(pts)
cx <- tapply(xy[, 1], factor(area_of, levels = seq_len(nrow(b))), mean)
cy <- tapply(xy[, 2], factor(area_of, levels = seq_len(nrow(b))), mean)
centres <- read.csv("examples/manchester/families/centres.csv")  # written by run.sh
distance_km <- sapply(seq_len(nrow(b)), function(i)
  min(sqrt((centres$x - cx[i])^2 + (centres$y - cy[i])^2)) / 1000)

n <- t$under5_population
seen <- t$seen_children
reach <- seen / n
stopifnot(all(n > 0))  # every area is analysed

# Empirical Bayes, global (spdep EBest) and local (EBlocal, geoda = TRUE), kept within [0, 1].
queen <- poly2nb(b, queen = TRUE)
clamp01 <- function(v) pmin(1, pmax(0, v))
eb <- clamp01(EBest(seen, n)$estmm)
eb_local <- clamp01(EBlocal(seen, n, queen, geoda = TRUE)$est)

# Funnel z against the overall seen reach (no overdispersion adjustment by default).
target <- sum(seen) / sum(n)
funnel_z <- (reach - target) / sqrt(target * (1 - target) / n)

# Local Moran and Gi* of the analysis variable (seen_reach_eb), queen, row-standardised.
lw <- nb2listw(queen, style = "W", zero.policy = TRUE)
lisa <- localmoran(eb, lw, zero.policy = TRUE)
gistar <- as.numeric(localG(eb, nb2listw(include.self(queen), style = "W")))
moran <- moran.test(eb, lw, randomisation = TRUE, zero.policy = TRUE)$estimate

# Expected reach: weighted least squares on deprivation decile and distance.
fit <- lm(reach ~ t$imd_decile + distance_km, weights = n)
expected <- as.numeric(fitted(fit))

# The outreach priority with the default weights (engine/stats/priority.hpp).
e <- pmin(0.995, pmax(0.005, expected))
gap_z <- (e * n - seen) / sqrt(n * e * (1 - e))
shortfall <- (expected - reach) * n
pct <- function(v) (rank(v, ties.method = "average") - 1) / (length(v) - 1)
gap <- ifelse(gap_z > 0, 1 - exp(-gap_z / qnorm(0.999)), 0)
low_low <- as.numeric(t$lisa_cluster == "low-low")
score <- (0.5 * gap + 0.2 * pct(shortfall) + 0.15 * pct(-t$imd_decile) +
          0.1 * pct(pmax(0, n - seen)) + 0.05 * low_low) / 1.0
priority_rank <- rank(-score, ties.method = "first")

f <- function(v) format(v, digits = 17)
write.csv(data.frame(area_id = t$area_id, nearest_centre_km = f(distance_km),
                     seen_reach_eb = f(eb), seen_reach_eb_local = f(eb_local),
                     funnel_z = f(funnel_z), lisa_i = f(lisa[, "Ii"]), gistar_z = f(gistar),
                     expected_seen_reach = f(expected), reach_gap_z = f(gap_z),
                     reach_shortfall = f(shortfall), priority_score = f(score),
                     priority_rank = priority_rank),
          "tests/reference/pipeline_manchester.csv", row.names = FALSE, quote = FALSE)
co <- coef(fit)
write.csv(data.frame(moran_I = f(moran[["Moran I statistic"]]), funnel_target = f(target),
                     intercept = f(co[[1]]), imd_decile = f(co[[2]]),
                     nearest_centre_km = f(co[[3]])),
          "tests/reference/pipeline_manchester_global.csv", row.names = FALSE, quote = FALSE)
