// Errors: every bad input throws one of these; the message names the operation and the offending
// shapes, dtypes, values or files, e.g. "matmul: inner dimensions differ: [60000,784] x [128,10]".
#pragma once
#include <stdexcept>
#include <string>

namespace xtape {

// Base of all xtape errors (TF: tf.errors.OpError).
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Shapes, dtypes or values that an operation cannot accept (TF: InvalidArgumentError).
class InvalidArgumentError : public Error {
public:
  using Error::Error;
};

// A file that does not exist or cannot be read (TF: NotFoundError).
class NotFoundError : public Error {
public:
  using Error::Error;
};

// Calls in the wrong state, e.g. a second gradient() on a non-persistent tape (TF: RuntimeError).
class RuntimeError : public Error {
public:
  using Error::Error;
};

// Memory for a result could not be had (TF: ResourceExhaustedError); nothing of the failed op
// stays allocated.
class ResourceExhaustedError : public Error {
public:
  using Error::Error;
};

// TF's class name for an exception: "InvalidArgumentError", "NotFoundError", "RuntimeError",
// "ResourceExhaustedError" (also std::bad_alloc), "InternalError" for anything else.
const char* error_kind(const std::exception& e);

} // namespace xtape
