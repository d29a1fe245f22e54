#include "engine/render/scale_bar.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace reachmap;

TEST(ScaleBar, RoundLengthsWithinAQuarterOfTheMap) {
  for (double across : {150.0, 900.0, 6500.0, 12000.0, 48000.0, 640000.0}) {
    const double len = round_scale_length(across);
    EXPECT_LE(len, across * 0.25) << across;
    EXPECT_GE(len, across * 0.25 / 2.5) << across;  // never tiny: within a 1-2-5 step
    const double mantissa = len / std::pow(10.0, std::floor(std::log10(len)));
    EXPECT_TRUE(mantissa == 1 || mantissa == 2 || mantissa == 5) << len;
  }
  EXPECT_EQ(round_scale_length(6500), 1000);
}

TEST(ScaleBar, Labels) {
  EXPECT_EQ(scale_label(500), "500 m");
  EXPECT_EQ(scale_label(2000), "2 km");
  EXPECT_EQ(scale_label(1500), "1.5 km");
}
