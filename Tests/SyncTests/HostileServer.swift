import Foundation

/// A loopback "server" that answers every request with the same canned bytes (or each
/// request with the next of a list, the last one repeated), for the client's handling of
/// answers that are not what the protocol says.
final class HostileServer: @unchecked Sendable {
  let port: Int
  private let listener: Int32
  private let answers: [[UInt8]]
  private let lock = NSLock()
  private var served = 0

  var url: String { "http://127.0.0.1:\(port)" }

  /// `status` and `body` as an HTTP/1.1 answer with a correct Content-Length.
  convenience init(status: String = "200 OK", body: String) throws {
    try self.init(bodies: [body], status: status)
  }

  /// One answer per request, in order: `bodies[0]` to the first, and so on.
  convenience init(bodies: [String], status: String = "200 OK") throws {
    try self.init(
      rawAnswers: bodies.map { body in
        let head =
          "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\n"
          + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        return Array((head + body).utf8)
      })
  }

  convenience init(raw: [UInt8]) throws {
    try self.init(rawAnswers: [raw])
  }

  init(rawAnswers: [[UInt8]]) throws {
    answers = rawAnswers
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(listener, 16) == 0 else {
      throw NSError(domain: "HostileServer", code: Int(errno))
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread { [self] in serve() }.start()
  }

  func close() {
    shutdown(listener, Int32(SHUT_RDWR))
    Glibc.close(listener)
  }

  private func serve() {
    while true {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      // Reads the request head (the body, if any, is left unread), answers, closes.
      var buffer = [UInt8](repeating: 0, count: 65_536)
      var seen: [UInt8] = []
      while !seen.suffix(4).elementsEqual([13, 10, 13, 10]) {
        let count = read(client, &buffer, buffer.count)
        if count <= 0 { break }
        seen += buffer[0..<count]
        if seen.count > 1 << 20 { break }
      }
      let answer = lock.withLock {
        defer { served += 1 }
        return answers[min(served, answers.count - 1)]
      }
      _ = answer.withUnsafeBytes { write(client, $0.baseAddress!, answer.count) }
      shutdown(client, Int32(SHUT_RDWR))
      Glibc.close(client)
    }
  }
}
