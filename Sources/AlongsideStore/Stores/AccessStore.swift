import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Sign-in attempts (for throttling) and API tokens.
public struct AccessStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// What an attempt tried: the password, or the two-step code that follows it.
    public enum AttemptKind: String, Sendable {
        case password, code
        /// Asking for a password link ("forgot your password?"): every ask counts, to limit them.
        case reset
    }

    public func recordAttempt(
        email: String, address: String, succeeded: Bool, at now: Date, kind: AttemptKind = .password
    ) async throws {
        try await SignInAttemptModel(
            email: StaffMember.normalisedEmail(email), address: address, succeeded: succeeded, attemptedAt: now,
            kind: kind.rawValue
        ).create(on: database)
    }

    /// Failed attempts of one kind since `since`, for the account and for the address.
    public func failures(email: String, address: String, since: Date, kind: AttemptKind = .password) async throws
        -> (account: Int, address: Int)
    {
        func count(_ column: String, _ value: String) async throws -> Int {
            try await failed(since: since, kind: kind).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .where(column, .equal, value).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let account = try await count("email", StaffMember.normalisedEmail(email))
        let byAddress = try await count("address", address)
        return (account, byAddress)
    }

    /// The select of failed attempts of one kind since `since` (no columns yet).
    private func failed(since: Date, kind: AttemptKind) throws -> SQLSelectBuilder {
        try database.sql.select().from(SignInAttemptModel.schema).where("succeeded", .equal, false)
            .where("attempted_at", .greaterThanOrEqual, since).where("kind", .equal, kind.rawValue)
    }

    /// When the account's failures of one kind since `since` happened, for a lock that lasts a whole window.
    public func failureTimes(email: String, since: Date, kind: AttemptKind) async throws -> [Date] {
        try await failed(since: since, kind: kind).column("attempted_at")
            .where("email", .equal, StaffMember.normalisedEmail(email)).orderBy("attempted_at").all()
            .map { try $0.decode(column: "attempted_at", as: Date.self) }
    }

    /// Forgets an account's failures of one kind once that step succeeds: a right password clears wrong
    /// passwords only; wrong codes are cleared only by a right code.
    public func clearFailures(email: String, kind: AttemptKind = .password) async throws {
        try await SignInAttemptModel.query(on: database)
            .filter(\.$email == StaffMember.normalisedEmail(email)).filter(\.$succeeded == false)
            .filter(\.$kind == kind.rawValue).delete()
    }

    /// Forgets the public page's submissions older than `before` (the server's hourly tidying).
    public func pruneSubmissions(before: Date) async throws {
        try await PublicSubmissionModel.query(on: database).filter(\.$at < before).delete()
    }

    public func pruneAttempts(before: Date) async throws {
        try await SignInAttemptModel.query(on: database).filter(\.$attemptedAt < before).delete()
    }

    /// What an API token may do: read only, or read and write.
    public enum TokenScope: String, Sendable, CaseIterable {
        case read, readWrite = "read-write"
    }

    public func createToken(
        for member: StaffMember, digest: String, expiresAt: Date, scope: TokenScope = .readWrite
    ) async throws {
        let token = APITokenModel(
            councilID: member.councilID.uuid, staffID: member.id.uuid, tokenDigest: digest, expiresAt: expiresAt)
        token.scope = scope.rawValue
        try await token.create(on: database)
    }

    /// The active member of staff a token names (if it exists and has not expired), with their council and
    /// the token's scope, in one statement: every API request reads them (the token's model, then the member,
    /// then the member again with their council took three statements, one of them a Fluent model).
    public func staff(forTokenDigest digest: String, at now: Date) async throws
        -> (member: StaffMember, council: Council, scope: TokenScope)?
    {
        let tokens = APITokenModel.schema
        guard
            let row = try await database.sql.select()
                .column(SQLColumn("scope", table: tokens))
                .columns(StaffRow.columns(prefix: "staff."))
                .columns(CouncilRow.columns(prefix: "council."))
                .from(tokens)
                .join(
                    StaffRow.table, on: SQLColumn("id", table: StaffRow.table), .equal,
                    SQLColumn("staff_id", table: tokens)
                )
                .join(
                    CouncilRow.table, on: SQLColumn("id", table: CouncilRow.table), .equal,
                    SQLColumn("council_id", table: StaffRow.table)
                )
                .where(SQLColumn("token_digest", table: tokens), .equal, SQLBind(digest))
                .where(SQLColumn("expires_at", table: tokens), .greaterThan, SQLBind(now))
                .where(SQLColumn("active", table: StaffRow.table), .equal, SQLBind(true))
                .limit(1).first()
        else { return nil }
        return (
            try StaffRow.member(row, prefix: "staff."), try CouncilRow.council(row, prefix: "council."),
            TokenScope(rawValue: try row.decode(column: "scope", as: String.self)) ?? .read
        )
    }

    /// Revokes one token.
    public func revokeToken(digest: String) async throws {
        try await APITokenModel.query(on: database).filter(\.$tokenDigest == digest).delete()
    }

    /// Revokes every token of one member of staff.
    public func revokeTokens(of staffID: StaffMember.ID) async throws {
        try await APITokenModel.query(on: database).filter(\.$staffID == staffID.uuid).delete()
    }

    /// Counts the public page's submissions from an address since `since`, then records this one unless the
    /// address is already at `limit` (a flood past the limit writes nothing more).
    public func countAndRecordSubmission(from address: String, since: Date, at now: Date, limit: Int = .max)
        async throws -> Int
    {
        let count =
            try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(PublicSubmissionModel.schema).where("address", .equal, address)
            .where("at", .greaterThanOrEqual, since).first()?.decode(column: "n", as: Int.self) ?? 0
        guard count < limit else { return count }
        let row = PublicSubmissionModel()
        row.address = address
        row.at = now
        try await row.create(on: database)
        return count
    }
}
