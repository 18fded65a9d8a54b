// SPDX-License-Identifier: GPL-3.0-or-later

/// 64-bit FNV-1a: a small, stable hash (unlike `Hasher`, the same in every
/// process and version) for study case keys and for tying a day-ahead
/// results.json to the schedule.csv written beside it. Not cryptographic.
public enum FNV1a {
    /// Contiguous bytes (an array, `Data`) are hashed from their buffer,
    /// others one by one; both give the same hash.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        if let h = bytes.withContiguousStorageIfAvailable({ hash(buffer: $0) }) { return h }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    private static func hash(buffer: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in buffer { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The hash of the text's UTF-8 bytes as 16 lower-case hex digits.
    public static func hex(_ text: String) -> String {
        let digits = String(hash(text.utf8), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
