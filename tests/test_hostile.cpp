// A hostile caller of the C++ API: every op of the table gets out-of-range, fractional, NaN and
// oversized values for each argument, the parsers get impossible headers, and sizes go past what
// a build can hold. Each case must throw the named xtape error, leave no tensor bytes behind and
// leave everything working. (Runs natively, under ASan + UBSan, and compiled to WASM.)
#include "helpers.hpp"
#include "op_samples.hpp"

#include <cmath>
#include <limits>
#include <memory>

#include "xtape/op_table.hpp"

using namespace xtape;
using namespace xtape::op_table;

namespace {

Arg valid(const OpDef& def, const ArgDef& a) { return xt_test::sample(def, a); }

struct Hostile {
  const char* what;
  Arg value;
};

std::vector<Hostile> hostile_values(Kind k) {
  const double nan = std::nan(""), inf = INFINITY, two32 = 4294967296.0, two53 = 9007199254740992.0;
  auto num = [](double d) {
    Arg a;
    a.number = d;
    return a;
  };
  auto list = [](std::vector<double> l) {
    Arg a;
    a.list = std::move(l);
    return a;
  };
  switch (k) {
  case Kind::tensor:
  case Kind::index_tensor:
  case Kind::dtype:
    return {{"missing", Arg{}}};
  case Kind::integer:
    return {{"1.5", num(1.5)},     {"NaN", num(nan)},
            {"inf", num(inf)},     {"2^32", num(two32)},
            {"2^53", num(two53)},  {"-2^53", num(-two53)},
            {"1e300", num(1e300)}, {"-inf", num(-inf)},
            {"-1.5", num(-1.5)},   {"-2^31-1", num(-2147483649.0)},
            {"0.1", num(0.1)},     {"-0.5", num(-0.5)}};
  case Kind::shape:
    return {{"missing", Arg{}},
            {"2.5", list({2.5})},
            {"NaN", list({nan})},
            {"1e20", list({1e20})},
            {"2^31 cubed", list({2147483648.0, 2147483648.0, 2147483648.0})},
            {"2^62 x 4", list({4611686018427387904.0, 4})},
            {"-2", list({-2, 3})},
            {"-2^53", list({-two53})},
            {"inf", list({inf})}};
  case Kind::ints:
    return {{"missing", Arg{}},        {"2.5", list({2.5, 1})}, {"NaN", list({nan, 1})},
            {"1e20", list({1e20, 1})}, {"inf", list({inf, 1})}, {"past the tensor", list({0, 99})},
            {"one too few", list({0})}};
  case Kind::tensors: {
    Arg none;
    none.tensors = std::vector<Tensor>{};
    return {{"missing", Arg{}}, {"empty", none}};
  }
  case Kind::perm:
    return {{"0.5", list({0.5, 1})},
            {"2^32", list({two32, 0})},
            {"NaN", list({nan, 0})},
            {"inf", list({inf, 0})}};
  case Kind::axes:
    return {{"0.5", list({0.5})},        {"2^32", list({two32})},   {"repeated", list({0, -2})},
            {"out of range", list({7})}, {"-2^32", list({-two32})}, {"inf", list({inf})}};
  default:
    return {};
  }
}

// f must throw an xtape::Error of type E whose message has `part` (or one that says a buffer
// could not be had: a size that 32-bit WASM refuses up front may reach the allocator natively);
// live tensor bytes return to where they were, and a matmul still works.
template <class E = InvalidArgumentError, class F>
void refuses(const std::string& name, F&& f, const std::string& part,
             const std::string& or_part = "\x01") {
  const std::size_t before = memory_stats().live_bytes;
  INFO(name);
  bool thrown = false;
  try {
    f();
  } catch (const ResourceExhaustedError& e) {
    thrown = true;
    INFO("message: " << e.what());
    CHECK_THAT(e.what(), Catch::Matchers::ContainsSubstring("out of memory allocating a tensor"));
  } catch (const E& e) {
    thrown = true;
    INFO("message: " << e.what());
    CHECK_THAT(e.what(), Catch::Matchers::ContainsSubstring(part) ||
                             Catch::Matchers::ContainsSubstring(or_part));
  }
  CHECK(thrown);
  CHECK(memory_stats().live_bytes == before);
  xt_test::check_values(matmul(constant({1.f, 2.f}, {1, 2}), constant({3.f, 4.f}, {2, 1})), {11});
}

} // namespace

TEST_CASE("every argument of every op of the table refuses hostile values", "[hostile]") {
  int cases = 0;
  for (const OpDef& def : ops()) {
    for (std::size_t i = 0; i < def.args.size(); ++i) {
      for (auto& [what, value] : hostile_values(def.args[i].kind)) {
        if (def.args[i].kind == Kind::perm || def.args[i].kind == Kind::axes) {
          if (std::string(what) == "out of range" || std::string(what) == "repeated") {
            std::vector<Arg> args;
            for (const auto& a : def.args) args.push_back(valid(def, a));
            args[i] = value;
            refuses(
                def.name + "(" + def.args[i].name + " = " + what + ")", [&] { call(def, args); },
                def.name);
            ++cases;
            continue;
          }
        }
        std::vector<Arg> args;
        for (const auto& a : def.args) args.push_back(valid(def, a));
        args[i] = value;
        // The message names the op (the arguments' names are checked in test_op_table.cpp).
        refuses(
            def.name + "(" + def.args[i].name + " = " + what + ")", [&] { call(def, args); },
            def.name + ": ");
        ++cases;
      }
    }
  }
  INFO(cases << " cases");
  CHECK(cases >= 150);
}

TEST_CASE("sizes past the limits: InvalidArgumentError or ResourceExhaustedError", "[hostile]") {
  refuses(
      "zeros 2^62 x 4",
      [] {
        zeros({std::int64_t(1) << 62, 4});
      },
      "shape");
  refuses(
      "zeros past max_tensor_bytes", [] { zeros({max_tensor_elements()}); },
      "bytes a tensor may have in this build");
  refuses(
      "fill negative", [] { fill({-1}, 1.f); }, "negative dimension");
  refuses(
      "one_hot depth overflowing",
      [] { one_hot(constant(std::vector<std::int32_t>(1 << 12, 0), {1 << 12}), 1 << 30); },
      "bytes");
  refuses(
      "unsorted_segment_sum 2^62 segments",
      [] {
        unsorted_segment_sum(ones({1, 4}), constant(std::vector<std::int32_t>{0}, {1}),
                             std::int64_t(1) << 62);
      },
      "shape");
  refuses(
      "broadcast_to overflowing",
      [] {
        broadcast_to(ones({1}), {1 << 20, 1 << 20, 1 << 20});
      },
      "shape");
  refuses(
      "permutation 2^31", [] { random::Generator(1).permutation(std::int64_t(1) << 31); },
      "permutation");
  refuses(
      "random 2^31 x 2^31",
      [] {
        random::uniform({std::int64_t(1) << 31, std::int64_t(1) << 31});
      },
      "shape");
  refuses(
      "rank 255", [] { zeros(Shape(255, 1)); }, "maximum rank 254");
  refuses(
      "reshape to rank 100000", [] { reshape(ones({1}), Shape(100000, 1)); }, "maximum rank 254");
  CHECK(zeros(Shape(254, 1)).rank() == 254);
  if (sizeof(std::size_t) == 8) // a size the build accepts but no machine can give: 64 TiB
    refuses<ResourceExhaustedError>(
        "zeros 2^44 float32", [] { zeros({std::int64_t(1) << 44}); }, "out of memory");
}

TEST_CASE("parsers refuse impossible headers without reading past them", "[hostile][io]") {
  auto idx = [](std::uint8_t type, std::vector<std::uint32_t> dims,
                std::vector<std::uint8_t> data) {
    io::Bytes b{0, 0, type, std::uint8_t(dims.size())};
    for (auto d : dims)
      b.insert(b.end(), {std::uint8_t(d >> 24), std::uint8_t(d >> 16), std::uint8_t(d >> 8),
                         std::uint8_t(d)});
    b.insert(b.end(), data.begin(), data.end());
    return b;
  };
  auto npy = [](const std::string& header, std::size_t cut = std::string::npos) {
    io::Bytes b{0x93,
                'N',
                'U',
                'M',
                'P',
                'Y',
                1,
                0,
                std::uint8_t(header.size()),
                std::uint8_t(header.size() >> 8)};
    b.insert(b.end(), header.begin(), header.end());
    if (cut != std::string::npos) b.resize(cut);
    // exact-size copy, so that ASan sees any read past the end
    return b;
  };
  refuses(
      "IDX 2^32-1 cubed",
      [&] {
        io::parse_idx(idx(8, {~0u, ~0u, ~0u}, {}), "f");
      },
      "impossible IDX dimensions");
  refuses(
      "IDX wraps to 0 in 32 bits",
      [&] {
        io::parse_idx(idx(8, {65536, 65536}, {}), "f");
      },
      "impossible", "truncated IDX data: [65536,65536] needs 4294967296 bytes");
  refuses(
      "IDX type 0x0D",
      [&] {
        io::parse_idx(idx(0x0D, {1}, {0, 0, 0, 0}), "f");
      },
      "0x0D");
  refuses(
      "npy shape overflows",
      [&] {
        io::parse_npy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, "
                          "4294967296, 16), }"),
                      "f");
      },
      "impossible .npy shape");
  refuses(
      "npy value cut at the colon", [&] { io::parse_npy(npy("{'descr':"), "f"); }, "malformed");
  refuses(
      "npy value cut after spaces", [&] { io::parse_npy(npy("{'descr':   "), "f"); }, "malformed");
  refuses(
      "npy shape not closed",
      [&] { io::parse_npy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,"), "f"); },
      "malformed");
  refuses(
      "npy header longer than the file", [&] { io::parse_npy(npy("{'descr': '<f4'}", 14), "f"); },
      "truncated");
#ifndef XTAPE_NO_ZLIB
  io::Bytes bomb =
      io::read_gzip_file(std::string(XTAPE_SOURCE_DIR) + "/tests/fuzz/corpus/gzip/zeros_bomb.gz");
  CHECK(bomb.size() == std::size_t(4) << 20);
  io::Bytes gz =
      io::read_file(std::string(XTAPE_SOURCE_DIR) + "/tests/fuzz/corpus/gzip/zeros_bomb.gz");
  refuses(
      "gzip bomb", [&] { io::gunzip(gz.data(), gz.size(), "bomb", 1 << 20); },
      "inflates past the limit");
#endif
}

TEST_CASE("StopRecording may outlive its tape; tapes of other threads are their own",
          "[hostile][tape]") {
  {
    auto first = std::make_unique<GradientTape>();
    auto guard = first->stop_recording();
    first.reset();
  } // the guard ends after its tape: nothing to resume, no use after free (ASan)
  GradientTape tape;
  Tensor x = constant({2.f});
  tape.watch(x);
  Tensor y = square(x);
  xt_test::check_tensor(tape.gradient(y, x), {1}, {4});
}

// Casts into integers never hit undefined behaviour: from floats, truncation toward zero, NaN -> 0
// and +-Inf or out-of-range values saturate (WASM's trunc_sat; TF leaves these to the platform);
// between integers, two's-complement wrapping as TF's static_cast; to bool, x != 0.
TEST_CASE("casts of NaN, Inf and out-of-range values, for every dtype pair", "[hostile]") {
  const float inf = INFINITY, nan = std::nanf("");
  Tensor f = constant({nan, inf, -inf, 3e9f, -3e9f, 300.7f, -1.9f, 0.5f}, {8});
  CHECK(cast(f, DType::int32).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{0, 2147483647, -2147483648, 2147483647, -2147483648, 300, -1, 0});
  CHECK(cast(f, DType::uint8).to_vector<std::uint8_t>() ==
        std::vector<std::uint8_t>{0, 255, 0, 255, 0, 255, 0, 0});
  CHECK(cast(cast(f, DType::bool_), DType::int32).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{1, 1, 1, 1, 1, 1, 1, 1});
  Tensor i = constant(std::vector<std::int32_t>{-1, 256, 300, 2147483647, 0}, {5});
  CHECK(cast(i, DType::uint8).to_vector<std::uint8_t>() ==
        std::vector<std::uint8_t>{255, 0, 44, 255, 0});
  CHECK(cast(i, DType::float32).to_vector<float>() ==
        std::vector<float>{-1.f, 256.f, 300.f, 2147483648.f, 0.f});
  CHECK(cast(cast(i, DType::bool_), DType::uint8).to_vector<std::uint8_t>() ==
        std::vector<std::uint8_t>{1, 1, 1, 1, 0});
  Tensor u = constant(std::vector<std::uint8_t>{0, 1, 255}, {3});
  CHECK(cast(u, DType::int32).to_vector<std::int32_t>() == std::vector<std::int32_t>{0, 1, 255});
  CHECK(cast(u, DType::float32).to_vector<float>() == std::vector<float>{0.f, 1.f, 255.f});
  Tensor b = cast(u, DType::bool_);
  CHECK(cast(b, DType::float32).to_vector<float>() == std::vector<float>{0.f, 1.f, 1.f});
  CHECK(cast(b, DType::int32).to_vector<std::int32_t>() == std::vector<std::int32_t>{0, 1, 1});
  CHECK(cast(b, DType::uint8).to_vector<std::uint8_t>() == std::vector<std::uint8_t>{0, 1, 1});
}
