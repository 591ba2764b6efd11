#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HTML escaping for `{{name}}`: the five characters OWASP names for text
/// and quoted attribute values. `'` matters as much as `"`: a template may
/// quote an attribute either way. Unquoted attribute values stay unsafe
/// whatever is escaped, so templates always quote them.
public enum HTML {
    /// `text` with `& < > " '` replaced by character references.
    public static func escape(_ text: String) -> String {
        var buffer = ByteBuffer(capacity: text.utf8.count + 16)
        defer { buffer.deallocate() }
        buffer.appendEscapingHTML(text)
        return String(decoding: UnsafeBufferPointer(start: buffer.base, count: buffer.count), as: UTF8.self)
    }
}

extension ByteBuffer {
    /// The bytes `strcspn` stops at: a static C string in the binary (a
    /// Swift `String` passed to a C function is copied on every call).
    private static var specials: UnsafePointer<CChar> {
        let text: StaticString = "&<>\"'"
        return UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// Appends `text` escaped, copying the runs between special characters
    /// in one go. This is the renderer's hottest loop; C's `strcspn` finds
    /// the next special byte (Swift strings are NUL-terminated in memory),
    /// which is far faster than a byte loop in a debug build.
    mutating func appendEscapingHTML(_ text: String) {
        let count = text.utf8.count
        guard count > 0 else { return }
        text.withCString { start in
            var run = 0
            while run < count {
                let stop = run + strcspn(start + run, Self.specials)
                if stop >= count {
                    append(start + run, count: count - run)
                    return
                }
                append(start + run, count: stop - run)
                switch start[stop] {
                case 0x26: append("&amp;")
                case 0x3C: append("&lt;")
                case 0x3E: append("&gt;")
                case 0x22: append("&quot;")
                case 0x27: append("&#39;")
                default: append(start + stop, count: 1)  // a NUL inside the text: not an end, keep it
                }
                run = stop + 1
            }
        }
    }
}
