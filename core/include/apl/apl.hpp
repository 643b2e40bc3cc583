// Umbrella header of the Attention Pooling Lab core.
#pragma once

#include "apl/attention.hpp"
#include "apl/bandwidth.hpp"
#include "apl/classification.hpp"
#include "apl/compare.hpp"
#include "apl/datasets.hpp"
#include "apl/distance.hpp"
#include "apl/dot_product.hpp"
#include "apl/error.hpp"
#include "apl/experiments.hpp"
#include "apl/kernels.hpp"
#include "apl/metrics.hpp"
#include "apl/parametric.hpp"
#include "apl/random.hpp"
#include "apl/rates.hpp"
#include "apl/types.hpp"
#include "apl/unit_ball.hpp"
