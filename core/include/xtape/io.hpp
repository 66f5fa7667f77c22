// Data in and out: IDX (the MNIST family's format), .npy (NumPy's format, for weights), gzip files
// and Fashion-MNIST as keras.datasets.fashion_mnist.load_data() gives it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "xtape/tensor.hpp"

namespace xtape::io {

using Bytes = std::vector<std::uint8_t>;

// IDX bytes (already decompressed) -> uint8 tensor of the stored dims. Only unsigned-byte IDX
// (type 0x08) is accepted; anything malformed or truncated throws naming what is wrong.
Tensor parse_idx(const std::uint8_t* bytes, std::size_t size, const std::string& what = "IDX");
inline Tensor parse_idx(const Bytes& b, const std::string& what = "IDX") {
  return parse_idx(b.data(), b.size(), what);
}

// .npy v1/v2/v3, little-endian, C order: float32 ('<f4'), int32 ('<i4'), uint8 ('|u1'),
// bool ('|b1').
Tensor parse_npy(const std::uint8_t* bytes, std::size_t size, const std::string& what = ".npy");
inline Tensor parse_npy(const Bytes& b, const std::string& what = ".npy") {
  return parse_npy(b.data(), b.size(), what);
}
Bytes to_npy(const Tensor& t);

Bytes read_file(const std::string& path);
void write_file(const std::string& path, const Bytes& bytes);
Tensor load_npy(const std::string& path);
void save_npy(const std::string& path, const Tensor& t);

#ifndef XTAPE_NO_ZLIB
// Reads a file and gunzips it if it starts with the gzip magic.
Bytes read_gzip_file(const std::string& path);
// Inflates gzip data; more than max_out bytes out (a gzip bomb) is an InvalidArgumentError.
Bytes gunzip(const std::uint8_t* data, std::size_t size, const std::string& what = "gzip",
             std::size_t max_out = std::size_t(1) << 30);
#endif

} // namespace xtape::io

namespace xtape::datasets::fashion_mnist {

constexpr const char* default_dir = "/usr/share/datasets/fashion-mnist";

struct Data {
  Tensor x_train, y_train, x_test, y_test; // uint8 [60000,28,28], [60000]; [10000,28,28], [10000]
};
#ifndef XTAPE_NO_ZLIB
// TF: keras.datasets.fashion_mnist.load_data(), from the four *-ubyte.gz files in dir.
Data load_data(const std::string& dir = default_dir);
#endif

} // namespace xtape::datasets::fashion_mnist
