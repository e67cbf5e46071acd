import Foundation

/// One timed operation: a name, an optional p99 target and a closure run once per iteration
/// (it gets the iteration number, warm-up included, so it can vary its input). To add a case,
/// append one to `BenchSuite.cases` (see Cases.swift).
struct BenchCase {
  var name: String
  /// The p99 the case must stay within, in milliseconds; nil when it is only measured.
  var targetMs: Double?
  /// Overrides the run's iteration count (for slow cases).
  var iterations: Int?
  /// Something to say beside the figures (what was measured, why it is slow).
  var note: String?
  var body: (Int) throws -> Void

  init(
    _ name: String, targetMs: Double? = nil, iterations: Int? = nil, note: String? = nil,
    _ body: @escaping (Int) throws -> Void
  ) {
    self.name = name
    self.targetMs = targetMs
    self.iterations = iterations
    self.note = note
    self.body = body
  }
}

/// The figures of one case.
struct CaseResult: Encodable {
  var name: String
  var iterations: Int
  var minMs: Double
  var medianMs: Double
  var p99Ms: Double
  var meanMs: Double
  var maxMs: Double
  var targetMs: Double?
  var note: String?

  /// Whether p99 is within the target; nil without a target.
  var pass: Bool? { targetMs.map { p99Ms <= $0 } }

  enum CodingKeys: String, CodingKey {
    case name, iterations, minMs, medianMs, p99Ms, meanMs, maxMs, targetMs, pass, note
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(iterations, forKey: .iterations)
    for (value, key) in [
      (minMs, CodingKeys.minMs), (medianMs, .medianMs), (p99Ms, .p99Ms), (meanMs, .meanMs),
      (maxMs, .maxMs),
    ] {
      try c.encode(Self.rounded(value), forKey: key)
    }
    // Absent targets and verdicts are written as null, so every case has the same keys.
    if let targetMs {
      try c.encode(targetMs, forKey: .targetMs)
    } else {
      try c.encodeNil(forKey: .targetMs)
    }
    if let pass { try c.encode(pass, forKey: .pass) } else { try c.encodeNil(forKey: .pass) }
    if let note { try c.encode(note, forKey: .note) }
  }

  private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

  init(name: String, samples: [Double], targetMs: Double?, note: String?) {
    let sorted = samples.sorted()
    self.name = name
    self.iterations = sorted.count
    self.minMs = sorted.first ?? 0
    self.maxMs = sorted.last ?? 0
    self.medianMs = Self.percentile(sorted, 50)
    self.p99Ms = Self.percentile(sorted, 99)
    self.meanMs = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    self.targetMs = targetMs
    self.note = note
  }

  /// Nearest-rank percentile of sorted samples.
  static func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count, max(1, rank)) - 1]
  }
}

/// Runs cases: warm-up iterations first (not recorded), then the measured ones, each timed
/// with the monotonic clock.
struct BenchRunner {
  var iterations: Int
  var warmup: Int

  func run(_ bench: BenchCase) throws -> CaseResult {
    let count = bench.iterations ?? iterations
    for index in 0..<warmup { try bench.body(index) }
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for index in 0..<count {
      let start = DispatchTime.now().uptimeNanoseconds
      try bench.body(warmup + index)
      samples.append(milliseconds(since: start))
    }
    return CaseResult(
      name: bench.name, samples: samples, targetMs: bench.targetMs, note: bench.note)
  }
}

/// The results as an aligned table.
func table(_ results: [CaseResult]) -> String {
  let header = ["case", "iter", "min ms", "median ms", "p99 ms", "mean ms", "target", "result"]
  let rows = results.map { r -> [String] in
    [
      r.name, "\(r.iterations)", format(r.minMs), format(r.medianMs), format(r.p99Ms),
      format(r.meanMs), r.targetMs.map { "p99 <= " + format($0) } ?? "-",
      r.pass.map { $0 ? "PASS" : "FAIL" } ?? "-",
    ]
  }
  let widths = header.indices.map { column in
    ([header] + rows).map { $0[column].count }.max() ?? 0
  }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { column, cell in
      let pad = String(repeating: " ", count: widths[column] - cell.count)
      // Names left-aligned, figures right-aligned.
      return column == 0 || column >= 6 ? cell + pad : pad + cell
    }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
  }
  var lines = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
  lines += rows.map(line)
  let notes = results.compactMap { r in r.note.map { "  \(r.name): \($0)" } }
  if !notes.isEmpty { lines += [""] + notes }
  return lines.joined(separator: "\n")
}

private func format(_ ms: Double) -> String {
  ms >= 100 ? String(format: "%.1f", ms) : String(format: "%.3f", ms)
}
