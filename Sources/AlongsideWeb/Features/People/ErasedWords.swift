import AlongsideCore

/// What an erased record shows in place of what it no longer holds. Erasure leaves a person's name, their
/// steps' and contributions' words and their neighbours' names empty (the database keeps codes, never
/// sentences: issue 23); every page, export and the API's words are given here, when they are read, in the
/// reader's language. Modelled on an erased Good Neighbour volunteer (`Volunteer.shownName`).
enum ErasedWords {
    /// A name as shown: an erased person's (or an empty one, which only an erased record has) reads
    /// "Erased record".
    static func name(_ fullName: String, erased: Bool = false) -> String {
        erased || fullName.isEmpty ? Wording.current("people.erased.name") : fullName
    }

    /// An entry's words (a step's or a contribution's "what", a help request's details) as shown: an erased
    /// record's are gone, so they read "Erased with the record".
    static func entry(_ text: String) -> String {
        text.isEmpty ? Wording.current("people.erased.entry") : text
    }

    /// A connection's name as shown: an erased record's neighbours keep no name, so they read "A neighbour".
    static func connection(_ name: String, kind: Connection.Kind) -> String {
        name.isEmpty && kind == .neighbour ? Wording.current("people.erased.neighbour") : name
    }
}

extension Person {
    /// Their full name as shown (`ErasedWords.name`).
    var shownName: String { ErasedWords.name(fullName, erased: isErased) }

    /// The name to greet them by, as shown: an erased record's reads "Erased record".
    var shownCalledName: String { isErased ? shownName : calledName }

    /// Their name as a list shows it (`PersonSummary.listedName`).
    var listedName: String { summary.listedName }
}

extension PersonSummary {
    /// Their full name as shown (`ErasedWords.name`).
    var shownName: String { ErasedWords.name(fullName, erased: erased) }

    /// Their name as a list shows it: the full name, and the name they like in brackets.
    var listedName: String {
        erased ? shownName : fullName + (preferredName.isEmpty ? "" : " (\(preferredName))")
    }
}
