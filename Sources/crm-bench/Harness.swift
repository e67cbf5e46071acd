import Foundation

/// One timed operation: a name, an optional p99 target and a closure run once per iteration
/// (it gets the iteration number, warm-up included, so it can vary its input). To add a case,
/// append one to `BenchSuite.cases` (see Cases.swift). A case can instead be a single reading
/// that is not a time (memory, a ratio of two cases): see `figure`.
struct BenchCase {
  /// What a case measures.
  enum Measure {
    /// The wall-clock time of the closure, once per iteration.
    case time((Int) throws -> Void)
    /// One reading in `unit`, taken once after the cases before it, whose results it gets.
    case figure(unit: String, ([CaseResult]) throws -> Double)
  }

  var name: String
  /// The p99 the case must stay within, in milliseconds (for a figure: the most its reading
  /// may be, in its unit); nil when it is only measured.
  var targetMs: Double?
  /// Overrides the run's iteration count (for slow cases).
  var iterations: Int?
  /// Something to say beside the figures (what was measured, why it is slow).
  var note: String?
  /// Run once before the warm-up, untimed: opening files, generating inputs.
  var setUp: (() throws -> Void)?
  var measure: Measure

  init(
    _ name: String, targetMs: Double? = nil, iterations: Int? = nil, note: String? = nil,
    setUp: (() throws -> Void)? = nil, _ body: @escaping (Int) throws -> Void
  ) {
    self.name = name
    self.targetMs = targetMs
    self.iterations = iterations
    self.note = note
    self.setUp = setUp
    self.measure = .time(body)
  }

  /// A case that is one reading in `unit`, passing when it is at most `target`.
  static func figure(
    _ name: String, unit: String, target: Double? = nil, note: String? = nil,
    _ read: @escaping ([CaseResult]) throws -> Double
  ) -> BenchCase {
    var bench = BenchCase(name, targetMs: target, iterations: 1, note: note) { _ in }
    bench.measure = .figure(unit: unit, read)
    return bench
  }
}

/// The figures of one case: timed samples in milliseconds, or a single reading in `unit`.
struct CaseResult: Encodable {
  var name: String
  /// "ms" for timed cases; the figure's unit otherwise.
  var unit = "ms"
  /// The reading of a figure; nil for timed cases.
  var value: Double?
  var iterations: Int
  var minMs: Double
  var medianMs: Double
  var p99Ms: Double
  var meanMs: Double
  var maxMs: Double
  var targetMs: Double?
  var note: String?

  /// Whether p99 (a figure's reading) is within the target; nil without a target.
  var pass: Bool? { targetMs.map { (value ?? p99Ms) <= $0 } }

  enum CodingKeys: String, CodingKey {
    case name, iterations, minMs, medianMs, p99Ms, meanMs, maxMs, targetMs, pass, note
    case unit, value, target
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    if let value {
      // A figure: its unit, reading and target, instead of the timing keys.
      try c.encode(unit, forKey: .unit)
      try c.encode(Self.rounded(value), forKey: .value)
      if let targetMs {
        try c.encode(targetMs, forKey: .target)
      } else {
        try c.encodeNil(forKey: .target)
      }
      if let pass { try c.encode(pass, forKey: .pass) } else { try c.encodeNil(forKey: .pass) }
      if let note { try c.encode(note, forKey: .note) }
      return
    }
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

  init(name: String, figure: Double, unit: String, target: Double?, note: String?) {
    self.init(name: name, samples: [], targetMs: target, note: note)
    self.iterations = 1
    self.unit = unit
    self.value = figure
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

  /// Runs one case; `earlier` are the results of the cases before it (figures may use them).
  func run(_ bench: BenchCase, earlier: [CaseResult] = []) throws -> CaseResult {
    try bench.setUp?()
    let body: (Int) throws -> Void
    switch bench.measure {
    case .figure(let unit, let read):
      return CaseResult(
        name: bench.name, figure: try read(earlier), unit: unit, target: bench.targetMs,
        note: bench.note)
    case .time(let timed): body = timed
    }
    let count = bench.iterations ?? iterations
    for index in 0..<warmup { try body(index) }
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for index in 0..<count {
      let start = DispatchTime.now().uptimeNanoseconds
      try body(warmup + index)
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
    if let value = r.value {
      // A figure: its reading where p99 goes, and its target in its unit.
      return [
        r.name, "1", "-", "-", format(value, unit: r.unit), "-",
        r.targetMs.map { "<= " + format($0, unit: r.unit) } ?? "-",
        r.pass.map { $0 ? "PASS" : "FAIL" } ?? "-",
      ]
    }
    return [
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

/// A figure with its unit: "31.4 MB", "1.08x".
private func format(_ value: Double, unit: String) -> String {
  String(format: "%.2f", value) + (unit == "x" ? "x" : " " + unit)
}
