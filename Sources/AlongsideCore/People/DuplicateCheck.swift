import Foundation

/// Finds people who are probably the same person as someone newly introduced: one person, one record.
public enum DuplicateCheck {
    public struct Candidate: Sendable {
        public var fullName: String
        public var dateOfBirth: String?
        public var phone: String
        public var email: String
        public var postcode: String

        public init(fullName: String, dateOfBirth: String?, phone: String, email: String, postcode: String) {
            self.fullName = fullName
            self.dateOfBirth = dateOfBirth
            self.phone = phone
            self.email = email
            self.postcode = postcode
        }
    }

    public struct Match: Equatable, Sendable {
        public let personID: Person.ID
        public let reasons: [String]
        /// Only the name is alike (the same or a similar name, nothing else in common).
        public var byNameAlone: Bool = false
    }

    /// Names compared without case, punctuation or extra spaces.
    public static func normalisedName(_ name: String) -> String {
        name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .map { $0.isLetter ? String($0) : " " }.joined().split(separator: " ").joined(separator: " ")
    }

    /// Edit distance between two short strings.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Close spellings: "Jon Smith" and "John Smyth"; also the same surname with the same first initial.
    public static func namesAreClose(_ a: String, _ b: String) -> Bool {
        let x = normalisedName(a)
        let y = normalisedName(b)
        guard !x.isEmpty, !y.isEmpty else { return false }
        if x == y { return true }
        let allowed = max(x.count, y.count) >= 10 ? 2 : 1
        if distance(x, y) <= allowed { return true }
        let xs = x.split(separator: " ")
        let ys = y.split(separator: " ")
        if let xl = xs.last, let yl = ys.last, let xf = xs.first?.first, let yf = ys.first?.first {
            return xl == yl && xf == yf
        }
        return false
    }

    /// The people who are likely the same as `candidate`, with the reasons, most likely first.
    public static func likelyMatches(for candidate: Candidate, among people: [Person]) -> [Match] {
        let phone = Person.normalisedPhone(candidate.phone)
        let email = candidate.email.trimmingCharacters(in: .whitespaces).lowercased()
        let name = normalisedName(candidate.fullName)
        var matches: [(Match, Int)] = []
        for person in people {
            var reasons: [String] = []
            var score = 0
            let sameName = normalisedName(person.fullName) == name
            let closeName = !sameName && namesAreClose(person.fullName, candidate.fullName)
            if let dob = candidate.dateOfBirth, dob == person.dateOfBirth {
                if sameName {
                    reasons.append(Wording.current("people.label.same-name-and-date-of-birth"))
                    score += 10
                } else if closeName {
                    reasons.append(Wording.current("people.label.similar-name-and-same-date-of"))
                    score += 8
                }
            }
            if phone.count >= 7 && Person.normalisedPhone(person.phone) == phone {
                reasons.append(Wording.current("people.label.same-phone-number"))
                score += 6
            }
            if !email.isEmpty && person.email.lowercased() == email {
                reasons.append(Wording.current("people.label.same-email-address"))
                score += 6
            }
            if reasons.isEmpty && (sameName || closeName) {
                let samePostcode =
                    !candidate.postcode.isEmpty && Postcode(candidate.postcode) == Postcode(person.postcode)
                if samePostcode {
                    reasons.append(
                        sameName
                            ? Wording.current("people.label.same-name-and-postcode")
                            : Wording.current("people.label.similar-name-and-same-postcode"))
                    score += sameName ? 5 : 4
                } else if sameName {
                    reasons.append(Wording.current("people.label.same-name"))
                    score += 2
                } else {
                    reasons.append(Wording.current("people.label.similar-name"))
                    score += 1
                }
            }
            if !reasons.isEmpty {
                matches.append((Match(personID: person.id, reasons: reasons, byNameAlone: score <= 2), score))
            }
        }
        return matches.sorted { $0.1 > $1.1 }.map(\.0)
    }
}
