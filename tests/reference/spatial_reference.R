# Reference values for engine/stats from R spdep (Debian r-cran-spdep, r-cran-sf), on real data
# from ../shared/data: the LSOA 2011 boundaries of Manchester and Birmingham with the IoD 2019
# income_score. Run from the repository root:  Rscript tests/reference/spatial_reference.R
# Local EB uses geoda = TRUE: the neighbourhood variance around the local mean m_i (Marshall
# 1991), not spdep's default, which measures each neighbour around its own local mean.
# Writes tests/reference/spatial_<city>.csv (one row per LSOA, in code order; the inputs stay in
# ../shared/data, where the test reads them too) and
# tests/reference/spatial_<city>_moran.csv.
suppressMessages({ library(sf); library(spdep) })

sf_use_s2(FALSE)  # planar, as the boundaries are used everywhere else (and some rings are invalid on the sphere)
iod <- read.csv("../shared/data/deprivation/iod2019_lsoa11_england.csv")
for (city in c("manchester", "birmingham")) {
  b <- st_read(sprintf("../shared/data/boundaries/lsoa11_%s_bgc.gpkg", city), quiet = TRUE)
  b <- b[order(b$lsoa11cd), ]
  d <- iod[match(b$lsoa11cd, iod$lsoa11cd), ]
  x <- d$income_score
  # Counts for empirical Bayes: income-deprived people and the population they are a share of.
  pop <- d$pop_total_mid2015
  events <- round(x * pop)

  queen <- poly2nb(b, queen = TRUE)   # default snap: sqrt(.Machine$double.eps)
  rook <- poly2nb(b, queen = FALSE)
  codes <- function(nb) sapply(nb, function(v) paste(b$lsoa11cd[v[v > 0]], collapse = " "))
  lw <- nb2listw(queen, style = "W", zero.policy = TRUE)
  mt <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
  li <- localmoran(x, lw, zero.policy = TRUE)
  gstar <- localG(x, nb2listw(include.self(queen), style = "W"))

  out <- data.frame(code = b$lsoa11cd, queen = codes(queen), rook = codes(rook),
                    Ii = format(li[, "Ii"], digits = 17),
                    gistar = format(as.numeric(gstar), digits = 17),
                    eb_global = format(EBest(events, pop)$estmm, digits = 17),
                    eb_local = format(EBlocal(events, pop, queen, geoda = TRUE)$est, digits = 17))
  write.csv(out, sprintf("tests/reference/spatial_%s.csv", city), row.names = FALSE)
  est <- mt$estimate
  write.csv(data.frame(I = format(est[["Moran I statistic"]], digits = 17),
                       expected = format(est[["Expectation"]], digits = 17),
                       variance = format(est[["Variance"]], digits = 17)),
            sprintf("tests/reference/spatial_%s_moran.csv", city), row.names = FALSE)
}
