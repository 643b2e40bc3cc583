#include "apl/detail/loo_1d.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "apl/attention.hpp"
#include "apl/detail/fast_exp.hpp"

namespace apl::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kEps = 0x1p-53;  // unit roundoff
// A fast prediction is kept when its error bound is below this fraction of max |y − ȳ|, else the
// point is recomputed directly. 1e-12 of the scale of y keeps the LOO MSE within the 1e-10 of
// the brute force that the tests demand unless the residuals are 100× smaller than y's spread.
constexpr double kTolerance = 1e-12;

// ---- double-double arithmetic (error-free transforms; no FMA: the core builds with
// -ffp-contract=off and WASM has none, so products are split à la Veltkamp/Dekker) ------------
struct DD {
  double hi, lo;
};
inline DD twoSum(double a, double b) {
  const double s = a + b, bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
inline DD quickTwoSum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}
inline void split(double a, double& hi, double& lo) {
  const double c = 134217729.0 * a;  // 2^27 + 1; |a| ≤ 1e27 here, far from overflow
  hi = c - (c - a);
  lo = a - hi;
}
inline DD twoProd(double a, double b) {
  const double p = a * b;
  double ah, al, bh, bl;
  split(a, ah, al);
  split(b, bh, bl);
  return {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}
inline DD add(DD a, DD b) {
  DD s = twoSum(a.hi, b.hi);
  return quickTwoSum(s.hi, s.lo + (a.lo + b.lo));
}
inline DD neg(DD a) { return {-a.hi, -a.lo}; }
inline DD sub(DD a, DD b) { return add(a, neg(b)); }
inline DD mul(DD a, double b) {
  DD p = twoProd(a.hi, b);
  return quickTwoSum(p.hi, p.lo + a.lo * b);
}
inline DD mul(DD a, DD b) {
  DD p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}
inline double value(DD a) { return a.hi + a.lo; }

enum Moment { kX, kXX, kY, kXY, kXXY, kMoments };

// ---- fast Gauss transform constants --------------------------------------------------------
// Cramér's inequality |H_k(x)|·e^{−x²/2} ≤ K·2^{k/2}·√(k!) bounds the Hermite functions
// h_k(x) = H_k(x)·e^{−x²} used below.
constexpr double kCramer = 1.0865;
// e^{−(t−s)²} < e^{−36} ≈ 2.3e−16 for the source boxes left out (see gaussian()): n times it
// enters each point's error bound, far below a leave-one-out sum of a dense point; a point whose
// sum is too small for that falls back to the direct sum.
constexpr double kFarExponent = 36.0;
constexpr int kMaxTerms = 48;
// Truncation error per unit of source weight. A point's error bound is about 3·(this + the
// rounding term)·max|y − ȳ| (its sums of weights within reach are ~1.4 D), so 1e−14 keeps it well
// under kTolerance; a smaller target would only add terms.
constexpr double kTruncation = 1e-14;

struct Truncation {
  int terms;         // p: Hermite terms at the sources, Taylor terms at the targets
  double perWeight;  // error bound per unit of source weight at centre distance 0 (times e^{−d²/2})
};

// For boxes of side w (scaled units, |a|, |b| ≤ w/2) the (n, m) term of the double expansion is
// bounded by K·e^{−d²/2}·w^{n+m}/√(n!·m!) (Cramér, and (n+m)! ≤ 2^{n+m}·n!·m!). Dropping every
// term with n ≥ p or m ≥ p leaves at most K·e^{−d²/2}·2·T_p·F, T_p = Σ_{n≥p} w^n/√(n!),
// F = Σ_m w^m/√(m!). Rounding in the p²-term translation and the Horner sums adds at most about
// (2p + 4)·u·K·e^{−d²/2}·F² (every partial sum is bounded by the sum of the term bounds).
Truncation truncationFor(double w) {
  double term[kMaxTerms + 40];
  double t = 1.0;
  for (int k = 0; k < kMaxTerms + 40; ++k) {
    term[k] = t;
    t *= w / std::sqrt(double(k + 1));
  }
  double f = 0.0;
  for (double v : term) f += v;
  for (int p = 2; p <= kMaxTerms; ++p) {
    double tail = 0.0;
    for (int k = p; k < kMaxTerms + 40; ++k) tail += term[k];
    const double truncation = kCramer * 2.0 * tail * f;
    if (truncation <= kTruncation) {
      return {p, truncation + (2.0 * p + 4.0) * kEps * kCramer * f * f};
    }
  }
  return {kMaxTerms, kInf};
}

}  // namespace

Loo1d::Loo1d(const double* x, const double* y, Index n) : n_(n) {
  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return x[a] < x[b]; });
  x_.resize(std::size_t(n));
  y_.resize(std::size_t(n));
  double mean = 0.0;
  for (Index i = 0; i < n; ++i) mean += y[i];
  mean /= double(n);
  for (Index s = 0; s < n; ++s) {
    x_[std::size_t(s)] = x[order[std::size_t(s)]];
    y_[std::size_t(s)] = y[order[std::size_t(s)]] - mean;
    yScale_ = std::max(yScale_, std::abs(y_[std::size_t(s)]));
    xScale_ = std::max(xScale_, std::abs(x_[std::size_t(s)]));
  }
  // Prefix moments in double-double: the window sums below are differences of two prefixes and
  // the kernels' moment expansions cancel (x_i·Σy − Σxy is of order h·Σ|y| while each term is of
  // order |x|·Σ|y|); the extra 53 bits absorb both cancellations.
  DD acc[kMoments];
  for (auto& a : acc) a = {0.0, 0.0};
  for (int m = 0; m < kMoments; ++m)
    for (auto& v : prefix_[m]) v.assign(std::size_t(n + 1), 0.0);
  for (Index s = 0; s < n; ++s) {
    const double xv = x_[s], yv = y_[s];
    const DD xx = twoProd(xv, xv);
    const DD terms[kMoments] = {{xv, 0.0}, xx, {yv, 0.0}, twoProd(xv, yv), mul(xx, yv)};
    for (int m = 0; m < kMoments; ++m) {
      acc[m] = add(acc[m], terms[m]);
      prefix_[m][0][std::size_t(s + 1)] = acc[m].hi;
      prefix_[m][1][std::size_t(s + 1)] = acc[m].lo;
    }
  }
}

bool Loo1d::supports(Kernel kernel) {
  return kernel == Kernel::Gaussian || hasCompactSupport(kernel);
}

LooPoint Loo1d::at(Kernel kernel, double h) {
  return kernel == Kernel::Gaussian ? gaussian(h) : compact(kernel, h);
}

// ---- compact kernels -------------------------------------------------------------------------

double Loo1d::compactDirect(Kernel kernel, Index i, Index lo, Index hi, double h) const {
  double den = 0.0, num = 0.0;
  for (Index j = lo; j < hi; ++j) {
    if (j == i) continue;
    const double k = kernelValue(kernel, std::abs(x_[i] - x_[j]) / h);
    den += k;
    num += k * y_[j];
  }
  return num / den - y_[i];
}

LooPoint Loo1d::compact(Kernel kernel, double h) {
  // Windows of keys with fl(|x_i − x_j|)/h < 1, the brute force's own test, so that both include
  // exactly the same keys: rounding is monotone, so each window is a run of the sorted keys and
  // both ends only move right as i does.
  auto moment = [&](int m, Index a, Index b) {
    return sub(DD{prefix_[m][0][b], prefix_[m][1][b]}, DD{prefix_[m][0][a], prefix_[m][1][a]});
  };
  const double n = double(n_);
  // Absolute error bounds of the double-double window moments: each prefix is a sum of n terms
  // bounded by max|x|^a·max|y|^b, accumulated with relative error ≤ n·u².
  const double dd = 16.0 * n * n * kEps * kEps;
  const double mx = xScale_, my = yScale_;
  Index lo = 0, hi = 0, undefined = 0;
  double sum = 0.0;
  for (Index i = 0; i < n_; ++i) {
    const double xi = x_[i], yi = y_[i];
    while ((xi - x_[lo]) / h >= 1.0) ++lo;
    if (hi <= i) hi = i + 1;
    while (hi < n_ && (x_[hi] - xi) / h < 1.0) ++hi;
    const Index count = hi - lo;
    if (count == 1) {
      ++undefined;
      continue;
    }
    double e;
    if (count <= 8) {
      e = compactDirect(kernel, i, lo, hi, h);
    } else {
      const double sy = value(moment(kY, lo, hi)) - yi;
      double den, num, errDen, errNum;
      if (kernel == Kernel::Boxcar) {
        den = double(count - 1);
        num = sy;
        errDen = 0.0;
        errNum = dd * my + 4.0 * kEps * double(count) * my;
      } else if (kernel == Kernel::Triangular) {
        // Σ|x_i − x_j| and Σ|x_i − x_j|·y_j, split at i.
        const DD left = sub(twoProd(xi, double(i - lo)), moment(kX, lo, i));
        const DD right = sub(moment(kX, i + 1, hi), twoProd(xi, double(hi - i - 1)));
        const DD leftY = sub(mul(moment(kY, lo, i), xi), moment(kXY, lo, i));
        const DD rightY = sub(moment(kXY, i + 1, hi), mul(moment(kY, i + 1, hi), xi));
        const double a = value(add(left, right)) / h, b = value(add(leftY, rightY)) / h;
        den = double(count - 1) - a;
        num = sy - b;
        errDen = 2.0 * dd * mx / h + 4.0 * kEps * (double(count) + a);
        errNum = 2.0 * dd * mx * my / h + 4.0 * kEps * double(count) * my * 2.0;
      } else {
        // Σ(x_i − x_j)² = c·x_i² − 2x_i·Σx + Σx², and the same weighted by y_j.
        const DD xi2 = twoProd(xi, xi);
        const DD q = add(sub(mul(xi2, double(count)), mul(moment(kX, lo, hi), 2.0 * xi)),
                         moment(kXX, lo, hi));
        const DD c = add(sub(mul(xi2, moment(kY, lo, hi)), mul(moment(kXY, lo, hi), 2.0 * xi)),
                         moment(kXXY, lo, hi));
        const double a = value(q) / h / h, b = value(c) / h / h;
        den = 0.75 * (double(count - 1) - a);
        num = 0.75 * (sy - b);
        const double scale2 = (mx / h) * (mx / h);
        errDen = 4.0 * dd * scale2 + 4.0 * kEps * (double(count) + a);
        errNum = 4.0 * dd * scale2 * my + 4.0 * kEps * double(count) * my * 2.0;
      }
      const double bound = (errNum + std::abs(num / den) * errDen) / den;
      e = den > 0.0 && bound <= kTolerance * my ? num / den - yi
                                                : compactDirect(kernel, i, lo, hi, h);
    }
    sum += e * e;
  }
  return {undefined > 0 ? kNaN : sum / n, undefined};
}

// ---- Gaussian --------------------------------------------------------------------------------

double Loo1d::gaussianDirect(Index i, double h) const {
  // As attention.cpp's FastRows: weights relative to the nearest other key, over the window
  // outside which every weight is below e^−kGaussianCut of the nearest's.
  const double xi = x_[i];
  double nearest = kInf;
  if (i > 0) nearest = xi - x_[i - 1];
  if (i + 1 < n_) nearest = std::min(nearest, x_[i + 1] - xi);
  const double rMin = nearest / h;
  const double radius = h * std::sqrt(rMin * rMin + 2.0 * kGaussianCut);
  const double margin = 1e-3 * radius + 1e-12 * std::abs(xi);
  // Outward scans rather than binary searches: this path runs where windows are short.
  const double left = xi - (radius + margin), right = xi + (radius + margin);
  Index lo = i, hi = i + 1;
  while (lo > 0 && x_[lo - 1] >= left) --lo;
  while (hi < n_ && x_[hi] <= right) ++hi;
  const ExpConstants ec = loopExpConstants();
  const double coef = -0.5 / (h * h);
  // Four partial sums on each side of i (self left out by the split): independent add chains
  // that compilers can vectorise with the branch-free exp.
  double den[4] = {0.0, 0.0, 0.0, 0.0}, num[4] = {0.0, 0.0, 0.0, 0.0};
  const double* xs = x_.data();
  const double* ys = y_.data();
  const auto run = [&](Index a, Index b) {
    Index j = a;
    for (; j + 4 <= b; j += 4)
      for (int u = 0; u < 4; ++u) {
        const double d = std::abs(xi - xs[j + u]);
        const double k = expNonPositive(coef * ((d - nearest) * (d + nearest)), ec);
        den[u] += k;
        num[u] += k * ys[j + u];
      }
    for (; j < b; ++j) {
      const double d = std::abs(xi - xs[j]);
      const double k = expNonPositive(coef * ((d - nearest) * (d + nearest)), ec);
      den[0] += k;
      num[0] += k * ys[j];
    }
  };
  run(lo, i);
  run(i + 1, hi);
  return ((num[0] + num[1]) + (num[2] + num[3])) / ((den[0] + den[1]) + (den[2] + den[3])) - y_[i];
}

LooPoint Loo1d::gaussian(double h) {
  const double n = double(n_);
  // Cost of the direct sums: the keys within the cut radius (an estimate: the radius is taken at
  // r_min = 0), weighed as 24 units of the transform's cost model each (measured), plus the two
  // binary searches.
  const double cut = h * std::sqrt(2.0 * kGaussianCut);
  // Sampled at every 8th point (an estimate suffices, and the full count cost a tenth of a pass).
  constexpr Index kSample = 8;
  double pairs = 0.0;
  for (Index i = 0, lo = 0, hi = 0; i < n_; i += kSample) {
    while (x_[i] - x_[lo] > cut) ++lo;
    if (hi < i) hi = i;
    while (hi < n_ && x_[hi] - x_[i] <= cut) ++hi;
    pairs += double(kSample) * double(hi - lo);
  }
  const double directCost = 24.0 * pairs + 60.0 * n;

  // Fast Gauss transform in scaled units u = x/(√2·h), where the weight is e^{−(u_i − u_j)²}.
  // Boxes have a power-of-two side W in x, so their centres (k + ½)·W and the differences of
  // centres are exact: a centre offset is o·w with o an integer (w = W/(√2·h)), and the Hermite
  // values at each o are shared by all box pairs. Candidate sides from ~√2·h down to 1/64 of it
  // trade terms per point (p falls with w) against translations ((2R+1)·p² per box).
  const double delta = 1.0 / (std::sqrt(2.0) * h);
  int bestShift = 0;
  double bestCost = directCost;
  Truncation bestTrunc{0, 0.0};
  int topExp;
  std::frexp(std::sqrt(2.0) * h, &topExp);  // 2^(topExp−1) ≤ √2·h < 2^topExp
  const double lowX = x_.front(), highX = x_.back();
  for (int e = topExp - 1; e >= topExp - 7; --e) {
    const double W = std::ldexp(1.0, e);
    const double kLo = std::floor(lowX / W), kHi = std::floor(highX / W);
    if (std::max(std::abs(kLo), std::abs(kHi)) > 0x1p50) break;
    const double boxes = kHi - kLo + 1.0;
    if (boxes > 4.0 * n) break;
    const double w = W * delta;
    const Truncation t = truncationFor(w);
    if (!std::isfinite(t.perWeight)) continue;
    const double reach = std::min(boxes - 1.0, std::ceil(1.0 + std::sqrt(kFarExponent) / w));
    const double p = t.terms;
    // Non-empty boxes m ≤ min(boxes, n); each scans 2R + 1 offsets and translates from the
    // non-empty ones among them (about a fraction m/boxes, for spread-out data).
    const double filled = std::min(boxes, n), offsets = 2.0 * reach + 1.0;
    const double translations = filled * std::min(offsets, offsets * filled / boxes + 1.0);
    const double cost = n * 8.0 * p + filled * offsets + translations * 2.0 * p * p;
    if (cost < bestCost) {
      bestCost = cost;
      bestShift = e;
      bestTrunc = t;
    }
  }

  double sum = 0.0;
  if (bestTrunc.terms == 0) {
    for (Index i = 0; i < n_; ++i) {
      const double e = gaussianDirect(i, h);
      sum += e * e;
    }
    return {sum / n, 0};
  }

  const int p = bestTrunc.terms;
  const double W = std::ldexp(1.0, bestShift), w = W * delta;
  const long long kLo = (long long)std::floor(lowX / W);
  const long long kHi = (long long)std::floor(highX / W);
  const Index boxes = Index(kHi - kLo + 1);
  const Index reach =
      std::min<Index>(boxes - 1, Index(std::ceil(1.0 + std::sqrt(kFarExponent) / w)));
  // Non-empty boxes: first point, and index by box number (−1: empty).
  std::vector<Index> boxOf(static_cast<std::size_t>(boxes), -1), start, box;
  for (Index i = 0; i < n_; ++i) {
    const Index b = Index((long long)std::floor(x_[i] / W) - kLo);
    if (boxOf[std::size_t(b)] < 0) {
      boxOf[std::size_t(b)] = Index(start.size());
      start.push_back(i);
      box.push_back(b);
    }
  }
  const Index m = Index(start.size());
  start.push_back(n_);
  auto centre = [&](Index b) { return (double(kLo + b) + 0.5) * W; };

  double inverse[kMaxTerms];  // 1/(k + 1): no division in the per-point loop
  for (int k = 0; k < kMaxTerms; ++k) inverse[k] = 1.0 / double(k + 1);
  // Sources → Hermite coefficients A_n = Σ_j q_j·b_j^n/n!, b_j = (x_j − c)/(√2·h), for q = 1, y.
  std::vector<double> a1(static_cast<std::size_t>(m * p), 0.0),
      ay(static_cast<std::size_t>(m * p), 0.0);
  std::vector<double> weight1(static_cast<std::size_t>(m), 0.0),
      weightY(static_cast<std::size_t>(m), 0.0);
  for (Index s = 0; s < m; ++s) {
    const double c = centre(box[s]);
    double* A1 = &a1[std::size_t(s * p)];
    double* Ay = &ay[std::size_t(s * p)];
    // Four points at a time: four independent product chains (one point's chain t·b/(k+1) is
    // latency-bound).
    Index j = start[s];
    for (; j + 4 <= start[s + 1]; j += 4) {
      double t[4] = {1.0, 1.0, 1.0, 1.0}, b[4], yv[4];
      for (int u = 0; u < 4; ++u) b[u] = (x_[j + u] - c) * delta, yv[u] = y_[j + u];
      for (int k = 0; k < p; ++k) {
        A1[k] += (t[0] + t[1]) + (t[2] + t[3]);
        Ay[k] += (t[0] * yv[0] + t[1] * yv[1]) + (t[2] * yv[2] + t[3] * yv[3]);
        for (int u = 0; u < 4; ++u) t[u] *= b[u] * inverse[k];
      }
    }
    for (; j < start[s + 1]; ++j) {
      const double b = (x_[j] - c) * delta, yj = y_[j];
      double t = 1.0;
      for (int k = 0; k < p; ++k) {
        A1[k] += t;
        Ay[k] += t * yj;
        t *= b * inverse[k];
      }
    }
    for (j = start[s]; j < start[s + 1]; ++j) weightY[s] += std::abs(y_[j]);
    weight1[s] = double(start[s + 1] - start[s]);
  }
  // Hermite functions h_k(o·w), k < 2p, for every offset o in [−reach, reach]; h_k(−x) =
  // (−1)^k·h_k(x).
  const Index width = 2 * p;
  std::vector<double> herm(static_cast<std::size_t>((2 * reach + 1) * width));
  std::vector<double> decay(static_cast<std::size_t>(2 * reach + 1));
  for (Index o = 0; o <= reach; ++o) {
    const double d = double(o) * w;
    double* hp = &herm[std::size_t((reach + o) * width)];
    double* hn = &herm[std::size_t((reach - o) * width)];
    hp[0] = std::exp(-d * d);
    if (width > 1) hp[1] = 2.0 * d * hp[0];
    for (Index k = 1; k + 1 < width; ++k) hp[k + 1] = 2.0 * d * hp[k] - 2.0 * double(k) * hp[k - 1];
    for (Index k = 0; k < width; ++k) hn[k] = (k % 2 ? -1.0 : 1.0) * hp[k];
    decay[std::size_t(reach + o)] = decay[std::size_t(reach - o)] = std::exp(-0.5 * d * d);
  }
  std::vector<double> factor(static_cast<std::size_t>(p));  // (−1)^m/m!
  for (int k = 0; k < p; ++k) factor[k] = (k == 0 ? 1.0 : -factor[k - 1] / double(k));

  double total1 = 0.0, totalY = 0.0;
  for (Index s = 0; s < m; ++s) total1 += weight1[s], totalY += weightY[s];
  const double far1 = total1 * std::exp(-kFarExponent), farY = totalY * std::exp(-kFarExponent);
  const double my = yScale_;
  std::vector<double> b1(static_cast<std::size_t>(p)), by(static_cast<std::size_t>(p));
  for (Index t = 0; t < m; ++t) {
    // Local Taylor coefficients at the target box: B_m = (−1)^m/m!·Σ_o Σ_n A_n^{T−o}·h_{n+m}(o·w).
    std::fill(b1.begin(), b1.end(), 0.0);
    std::fill(by.begin(), by.end(), 0.0);
    double bound1 = far1, boundY = farY;
    const Index bt = box[t];
    for (Index o = -reach; o <= reach; ++o) {
      const Index bs = bt - o;
      if (bs < 0 || bs >= boxes) continue;
      const Index s = boxOf[std::size_t(bs)];
      if (s < 0) continue;
      const double* A1 = &a1[std::size_t(s * p)];
      const double* Ay = &ay[std::size_t(s * p)];
      const double* H = &herm[std::size_t((reach + o) * width)];
      // n outer, m inner: an axpy per n that compilers vectorise (a dot product per m would be a
      // reduction, which strict IEEE order keeps scalar).
      double* B1 = b1.data();
      double* By = by.data();
      for (int j = 0; j < p; ++j) {
        const double c1 = A1[j], cy = Ay[j];
        const double* Hj = H + j;
        for (int k = 0; k < p; ++k) {
          B1[k] += c1 * Hj[k];
          By[k] += cy * Hj[k];
        }
      }
      bound1 += bestTrunc.perWeight * weight1[s] * decay[std::size_t(reach + o)];
      boundY += bestTrunc.perWeight * weightY[s] * decay[std::size_t(reach + o)];
    }
    for (int k = 0; k < p; ++k) b1[k] *= factor[k], by[k] *= factor[k];
    const double c = centre(bt);
    // Leave i out: its own term is e^0·(1, y_i). Kept when the bound allows, else direct.
    const auto finish = [&](Index i, double s1, double sy) {
      const double den = s1 - 1.0, num = sy - y_[i];
      const double bound = (boundY + std::abs(num / den) * bound1) / den;
      const double e =
          den > 0.0 && bound <= kTolerance * my ? num / den - y_[i] : gaussianDirect(i, h);
      sum += e * e;
    };
    // Horner for four points at a time (independent chains, as above).
    Index i = start[t];
    for (; i + 4 <= start[t + 1]; i += 4) {
      double a[4], s1[4], sy[4];
      for (int u = 0; u < 4; ++u) {
        a[u] = (x_[i + u] - c) * delta;
        s1[u] = b1[p - 1];
        sy[u] = by[p - 1];
      }
      for (int k = p - 2; k >= 0; --k)
        for (int u = 0; u < 4; ++u) {
          s1[u] = s1[u] * a[u] + b1[k];
          sy[u] = sy[u] * a[u] + by[k];
        }
      for (int u = 0; u < 4; ++u) finish(i + u, s1[u], sy[u]);
    }
    for (; i < start[t + 1]; ++i) {
      const double a = (x_[i] - c) * delta;
      double s1 = b1[p - 1], sy = by[p - 1];
      for (int k = p - 2; k >= 0; --k) {
        s1 = s1 * a + b1[k];
        sy = sy * a + by[k];
      }
      finish(i, s1, sy);
    }
  }
  return {sum / n, 0};
}

}  // namespace apl::detail
