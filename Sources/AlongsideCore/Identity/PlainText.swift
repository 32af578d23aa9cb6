/// What text a person may type into a field. One-line fields (names, phone numbers, postcodes) hold no
/// line breaks, tabs, NUL or other control characters: they end up in CSV files, headers and emails,
/// where a line break starts something new. Longer text may break lines but holds no other control
/// characters.
public enum PlainText {
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029
    }

    /// True when `text` fits on one line: no control characters at all.
    public static func isOneLine(_ text: String) -> Bool { !text.unicodeScalars.contains(where: isControl) }

    /// True when `text` holds no control characters other than line breaks and tabs.
    public static func isText(_ text: String) -> Bool {
        !text.unicodeScalars.contains { isControl($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }
    }
}
