// SPDX-License-Identifier: GPL-3.0-or-later

/// 64-bit FNV-1a: a small, stable hash (unlike `Hasher`, the same in every
/// process and version) for study case keys and for tying a day-ahead
/// results.json to the schedule.csv written beside it. Not cryptographic.
public enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Contiguous bytes (an array, `Data`, a native string's UTF-8) are
    /// hashed from their buffer, others one by one; both give the same hash.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        fold(offsetBasis, bytes)
    }

    /// `h` with `bytes` hashed into it.
    static func fold<Bytes: Sequence>(_ h: UInt64, _ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        if let folded = bytes.withContiguousStorageIfAvailable({ fold(h, buffer: $0) }) { return folded }
        var h = h
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The same over a buffer, in a loop the compiler makes tight (the
    /// generic one is not specialised for callers in other modules).
    static func fold(_ h: UInt64, buffer: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = h
        for b in buffer { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The hash of the text's UTF-8 bytes as 16 lower-case hex digits.
    public static func hex(_ text: String) -> String {
        hex(value: hash(text.utf8))
    }

    static func hex(value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A hash fed text by text: the same as the hash of the texts joined,
    /// without joining them.
    public struct Stream {
        public private(set) var value = FNV1a.offsetBasis
        public init() {}

        public mutating func add(_ text: String) {
            let h = value
            value = text.utf8.withContiguousStorageIfAvailable { FNV1a.fold(h, buffer: $0) } ?? FNV1a.fold(h, text.utf8)
        }

        /// The hash as 16 lower-case hex digits, as ``FNV1a/hex(_:)``.
        public var hex: String { FNV1a.hex(value: value) }
    }
}
