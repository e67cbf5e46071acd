/// Byte scans of a text's UTF-8 over its contiguous storage, which native strings have: a
/// scan through `String.UTF8View`'s iterator takes ~10x the instructions a byte, and a
/// bootstrap scans every text it pulls twice (the NUL check here, the snapshot's escapes in
/// `RecordSnapshot.appendString`), 6.6% of its apply's instructions under callgrind.
enum UTF8Scan {
  /// Whether `text` holds `byte`.
  static func contains(_ text: String, _ byte: UInt8) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? text.utf8.contains(byte)
  }
}
