// IDX and .npy parsing, including truncated and corrupted bytes; the real Fashion-MNIST files.
#include "helpers.hpp"

#include <cstdio>
#include <filesystem>

using namespace xtape;
using Catch::Matchers::ContainsSubstring;
using xt_test::error_of;

namespace {
io::Bytes idx(std::vector<std::uint32_t> dims, std::size_t data_bytes) {
  io::Bytes b{0, 0, 0x08, std::uint8_t(dims.size())};
  for (auto d : dims)
    for (int s = 24; s >= 0; s -= 8) b.push_back(std::uint8_t(d >> s));
  for (std::size_t i = 0; i < data_bytes; ++i) b.push_back(std::uint8_t(i * 7));
  return b;
}
} // namespace

TEST_CASE("IDX bytes parse into a uint8 tensor", "[io]") {
  Tensor t = io::parse_idx(idx({2, 3}, 6));
  CHECK(t.dtype() == DType::uint8);
  CHECK(t.shape() == Shape{2, 3});
  CHECK(t.to_vector<std::uint8_t>() == std::vector<std::uint8_t>{0, 7, 14, 21, 28, 35});
}

TEST_CASE("bad IDX bytes are errors that say what is wrong", "[io][errors]") {
  CHECK_THAT(error_of([] {
               io::parse_idx(idx({2, 3}, 5), "train-images");
             }),
             ContainsSubstring("train-images: truncated IDX data: [2,3] needs 6 bytes, got 5"));
  CHECK_THAT(error_of([] { io::parse_idx(idx({2}, 3)); }), ContainsSubstring("trailing bytes"));
  CHECK_THAT(error_of([] {
               io::parse_idx(io::Bytes{0x1f, 0x8b, 8, 0});
             }),
             ContainsSubstring("bad magic bytes 31 139"));
  CHECK_THAT(error_of([] {
               io::parse_idx(io::Bytes{0, 0, 0x0d, 1, 0, 0, 0, 0});
             }),
             ContainsSubstring("element type"));
  CHECK_THAT(error_of([] {
               io::parse_idx(io::Bytes{0, 0, 8, 3, 0, 0});
             }),
             ContainsSubstring("truncated IDX header"));
  CHECK_THAT(error_of([] { io::parse_idx(io::Bytes{0, 0}); }), ContainsSubstring("at least 4"));
}

TEST_CASE(".npy round-trips every dtype and rank", "[io]") {
  for (const Tensor& t : {random::stateless_uniform({3, 4}, 1, -1, 1), constant({1.f, 2.f, 3.f}),
                          constant(5.f), constant(std::vector<std::int32_t>{-1, 7}, {2, 1}),
                          constant(std::vector<std::uint8_t>{255, 0}, {2}),
                          equal(constant({1.f, 2.f}), constant({1.f, 3.f})), zeros({0, 3})}) {
    io::Bytes b = io::to_npy(t);
    CHECK((10 + b[8] + (b[9] << 8)) % 64 == 0); // header padded to 64 bytes, as NumPy does
    Tensor back = io::parse_npy(b);
    CHECK(back.dtype() == t.dtype());
    CHECK(back.shape() == t.shape());
    CHECK(io::to_npy(back) == b);
  }
  std::string header(reinterpret_cast<const char*>(io::to_npy(zeros({784, 128})).data() + 10), 70);
  CHECK_THAT(header,
             ContainsSubstring("{'descr': '<f4', 'fortran_order': False, 'shape': (784, 128), }"));
  std::string vec(reinterpret_cast<const char*>(io::to_npy(zeros({128})).data() + 10), 60);
  CHECK_THAT(vec, ContainsSubstring("'shape': (128,), }"));
}

TEST_CASE("bad .npy bytes are errors", "[io][errors]") {
  io::Bytes good = io::to_npy(constant({1.f, 2.f}));
  io::Bytes truncated(good.begin(), good.end() - 1);
  CHECK_THAT(error_of([&] { io::parse_npy(truncated, "w1.npy"); }),
             ContainsSubstring("w1.npy: truncated .npy data: [2] float32 needs 8 bytes, got 7"));
  io::Bytes bad_magic = good;
  bad_magic[1] = 'X';
  CHECK_THAT(error_of([&] { io::parse_npy(bad_magic); }), ContainsSubstring("bad magic"));
  auto patch = [&](const std::string& from, const std::string& to) {
    io::Bytes b = good;
    std::string s(b.begin(), b.end());
    s.replace(s.find(from), from.size(), to);
    return io::Bytes(s.begin(), s.end());
  };
  CHECK_THAT(error_of([&] { io::parse_npy(patch("<f4", "<c8")); }),
             ContainsSubstring("dtype '<c8' is not supported"));
  CHECK_THAT(error_of([&] { io::parse_npy(patch("<f4", "<f8")); }), // 8 bytes: one float64
             ContainsSubstring("truncated .npy data: [2] float64 needs 16 bytes, got 8"));
  CHECK_THAT(error_of([&] { io::parse_npy(patch("False", "True ")); }),
             ContainsSubstring("Fortran-ordered"));
  CHECK_THAT(error_of([&] { io::parse_npy(patch("(2,)", "(x,)")); }),
             ContainsSubstring("bad .npy shape"));
  CHECK_THAT(error_of([&] { io::parse_npy(io::Bytes(good.begin(), good.begin() + 20)); }),
             ContainsSubstring("truncated .npy header"));
}

TEST_CASE("files: save and load .npy; a missing file is NotFoundError", "[io]") {
  auto path = (std::filesystem::temp_directory_path() / "xtape_test_w.npy").string();
  Tensor w = random::stateless_normal({5, 2}, 9, 0, 1);
  io::save_npy(path, w);
  CHECK(io::load_npy(path).to_vector<float>() == w.to_vector<float>());
  std::remove(path.c_str());
  try {
    io::load_npy("/nonexistent/w1.npy");
    FAIL("no error");
  } catch (const NotFoundError& e) {
    CHECK_THAT(e.what(), ContainsSubstring("/nonexistent/w1.npy: cannot open for reading"));
  }
}

#ifndef XTAPE_NO_ZLIB
TEST_CASE("Fashion-MNIST loads as keras.datasets.fashion_mnist.load_data()", "[io][data]") {
  auto d = datasets::fashion_mnist::load_data(XTAPE_DATA_DIR);
  CHECK(d.x_train.shape() == Shape{60000, 28, 28});
  CHECK(d.y_train.shape() == Shape{60000});
  CHECK(d.x_test.shape() == Shape{10000, 28, 28});
  CHECK(d.y_test.shape() == Shape{10000});
  auto y = d.y_train.to_vector<std::uint8_t>();
  CHECK(std::vector<std::uint8_t>(y.begin(), y.begin() + 8) ==
        std::vector<std::uint8_t>{9, 0, 0, 3, 0, 2, 7, 2});
  long sum = 0;
  for (auto v : y) sum += v;
  CHECK(sum == 270000);
  CHECK_THAT(error_of([] { datasets::fashion_mnist::load_data("/nonexistent"); }),
             ContainsSubstring("apt-get install dataset-fashion-mnist"));
}

TEST_CASE("a corrupt gzip file is an error naming the file", "[io][errors]") {
  auto path = (std::filesystem::temp_directory_path() / "xtape_bad.gz").string();
  io::write_file(path, io::Bytes{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});
  CHECK_THAT(error_of([&] { io::read_gzip_file(path); }),
             ContainsSubstring(path + ": corrupt gzip data"));
  std::remove(path.c_str());
}
#endif
