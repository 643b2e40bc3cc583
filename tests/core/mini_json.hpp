// A minimal JSON reader for the test fixtures (objects, arrays, numbers, strings, true/false/null).
// Precondition: well-formed JSON as Python's json module writes it; strings hold no escapes other
// than \" and \\ (fixture names are plain ASCII). Not for untrusted input.
#pragma once

#include <Eigen/Core>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace testjson {

struct Value {
  enum Type { Null, Bool, Number, String, Array, Object } type = Null;
  double number = 0.0;
  bool boolean = false;
  std::string text;
  std::vector<Value> items;
  std::map<std::string, Value> fields;

  const Value& operator[](const std::string& key) const {
    auto it = fields.find(key);
    if (it == fields.end()) throw std::runtime_error("fixture: missing key " + key);
    return it->second;
  }
  const Value& operator[](std::size_t i) const { return items.at(i); }
  bool has(const std::string& key) const { return fields.count(key) > 0; }
  std::size_t size() const { return type == Array ? items.size() : fields.size(); }
  // null (the fixtures' "undefined") reads as NaN.
  double num() const { return type == Null ? std::numeric_limits<double>::quiet_NaN() : number; }
  const std::string& str() const { return text; }
  Eigen::VectorXd vec() const {
    Eigen::VectorXd v(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) v[Eigen::Index(i)] = items[i].num();
    return v;
  }
  // An array of equal-length arrays as a row-major matrix; an array of numbers as one column.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> mat() const {
    const bool nested = !items.empty() && items[0].type == Array;
    const std::size_t cols = nested ? items[0].items.size() : 1;
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m(items.size(), cols);
    for (std::size_t i = 0; i < items.size(); ++i)
      for (std::size_t j = 0; j < cols; ++j)
        m(Eigen::Index(i), Eigen::Index(j)) = nested ? items[i].items.at(j).num() : items[i].num();
    return m;
  }
};

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}
  Value parse() {
    Value v = value();
    skip();
    if (pos_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  void fail(const char* what) const {
    throw std::runtime_error(std::string("fixture JSON: ") + what + " at " + std::to_string(pos_));
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) return ++pos_, true;
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail("unexpected character");
  }
  std::string string() {
    expect('"');
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      if (s_[pos_] == '\\') ++pos_;
      out += s_[pos_++];
    }
    expect('"');
    return out;
  }
  Value value() {
    skip();
    Value v;
    if (pos_ >= s_.size()) fail("end of input");
    const char c = s_[pos_];
    if (c == '{') {
      v.type = Value::Object;
      ++pos_;
      if (eat('}')) return v;
      do {
        skip();
        std::string key = string();
        expect(':');
        v.fields[key] = value();
      } while (eat(','));
      expect('}');
    } else if (c == '[') {
      v.type = Value::Array;
      ++pos_;
      if (eat(']')) return v;
      do v.items.push_back(value());
      while (eat(','));
      expect(']');
    } else if (c == '"') {
      v.type = Value::String;
      v.text = string();
    } else if (s_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
    } else if (s_.compare(pos_, 4, "true") == 0) {
      v.type = Value::Bool, v.boolean = true, pos_ += 4;
    } else if (s_.compare(pos_, 5, "false") == 0) {
      v.type = Value::Bool, pos_ += 5;
    } else if (s_.compare(pos_, 8, "Infinity") == 0) {
      v.type = Value::Number, v.number = std::numeric_limits<double>::infinity(), pos_ += 8;
    } else {
      v.type = Value::Number;
      char* end = nullptr;
      v.number = std::strtod(s_.c_str() + pos_, &end);
      if (end == s_.c_str() + pos_) fail("bad number");
      pos_ = std::size_t(end - s_.c_str());
    }
    return v;
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

// Reads APL_FIXTURES_DIR/<name>.
inline Value load(const std::string& name) {
  std::ifstream in(std::string(APL_FIXTURES_DIR) + "/" + name);
  if (!in) throw std::runtime_error("cannot open fixture " + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  return Parser(text).parse();
}

// |actual − expected| ≤ atol + rtol·|expected|; NaN matches NaN (the fixtures' null).
inline bool close(double actual, double expected, double rtol, double atol) {
  if (std::isnan(expected)) return std::isnan(actual);
  return std::abs(actual - expected) <= atol + rtol * std::abs(expected);
}

}  // namespace testjson
