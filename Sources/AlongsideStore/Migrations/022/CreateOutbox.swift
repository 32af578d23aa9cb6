import FluentKit
import FluentSQL
import SQLKit

/// The outbox: every email is written here in the same transaction as the event that causes it, and sent
/// by the background sender, which claims a message with a lease (`claimed_until`) so that several servers
/// on one database send it once, and retries with back-off until it goes. `notice` is the message as codes
/// (`Notice`), never personal details; `sent_at` marks it sent.
struct CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("staff_id", .uuid, .references("staff", "id"))
            .field("to_address", .string, .required)
            .field("notice", .string, .required)
            .field("created_at", .datetime, .required)
            .field("send_after", .datetime, .required)
            .field("attempts", .int, .required, .sql(.default(0)))
            .field("last_error", .string)
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "outbox_due").on("outbox")
            .column("sent_at").column("send_after").run()
        try await (database as? any SQLDatabase)?.create(index: "outbox_council").on("outbox")
            .column("council_id").column("sent_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox").delete()
    }
}

/// How each member of staff wants their notices: at once, in a morning summary, or none.
struct UpdateStaffAddNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff").field("notices", .string, .required, .sql(.default("at-once"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff").deleteField("notices").update()
    }
}

/// One-time links for setting a password: an invitation (72 hours) or a reset (an hour). Only a digest of
/// the link's secret is kept; a link is used once (`used_at`).
struct CreateStaffLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff_links")
            .id()
            .field("staff_id", .uuid, .required, .references("staff", "id"))
            .field("purpose", .string, .required)
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_links").delete()
    }
}

/// The server's routine jobs: when each last ran, how it went, when it runs next, and who holds it now (a
/// lease, so that with several servers on one database each job runs once).
struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .field("name", .string, .identifier(auto: false))
            .field("next_run_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("last_started_at", .datetime)
            .field("last_finished_at", .datetime)
            .field("last_ok", .bool)
            .field("last_result", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}

/// The Open Referral feeds a council's directory was imported from, re-read each night by the server.
struct CreateDirectoryFeeds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("directory_feeds")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("url", .string, .required)
            .field("added_at", .datetime, .required)
            .field("last_read_at", .datetime)
            .field("last_ok", .bool)
            .field("last_result", .string)
            .unique(on: "council_id", "url")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("directory_feeds").delete()
    }
}
