// xtape: TensorFlow-2-style eager autodiff on xtensor. One include for the whole API.
#pragma once
#include "xtape/error.hpp"
#include "xtape/inspect.hpp"
#include "xtape/io.hpp"
#include "xtape/ops.hpp"
#include "xtape/optimizers.hpp"
#include "xtape/random.hpp"
#include "xtape/tape.hpp"
#include "xtape/tensor.hpp"
#include "xtape/threading.hpp"
#include "xtape/variable.hpp"
