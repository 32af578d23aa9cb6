import AlongsideCore
import FluentKit
import Foundation

/// What two-step sign-in needs of an account.
public struct TwoStepSecret: Sendable {
    public let secret: String
    public let lastCounter: Int?
    public let recoveryCodeHashes: [String]
}

extension StaffStore {
    func model(_ id: StaffMember.ID) async throws -> StaffModel {
        guard let model = try await StaffModel.find(id.uuid, on: database), model.active else {
            throw AlongsideError.notFound(.account)
        }
        return model
    }

    public func twoStep(of id: StaffMember.ID) async throws -> TwoStepSecret? {
        let model = try await model(id)
        guard let secret = model.totpSecret else { return nil }
        let hashes = (model.recoveryCodes ?? "").split(separator: ",").map(String.init)
        return TwoStepSecret(secret: secret, lastCounter: model.totpLastCounter, recoveryCodeHashes: hashes)
    }

    /// Turns two-step sign-in on with a confirmed secret and hashed recovery codes.
    public func enableTwoStep(_ id: StaffMember.ID, secret: String, counter: Int, recoveryCodeHashes: [String])
        async throws
    {
        let model = try await model(id)
        model.totpSecret = secret
        model.totpLastCounter = counter
        model.recoveryCodes = recoveryCodeHashes.joined(separator: ",")
        try await model.save(on: database)
    }

    /// Records that a code was used, so it cannot be used again.
    public func useCounter(_ counter: Int, for id: StaffMember.ID) async throws {
        let model = try await model(id)
        model.totpLastCounter = counter
        try await model.save(on: database)
    }

    /// Spends a recovery code; false when it is not one of the account's unused codes.
    public func spendRecoveryCode(hash: String, for id: StaffMember.ID) async throws -> Bool {
        let model = try await model(id)
        var hashes = (model.recoveryCodes ?? "").split(separator: ",").map(String.init)
        guard let index = hashes.firstIndex(of: hash) else { return false }
        hashes.remove(at: index)
        model.recoveryCodes = hashes.joined(separator: ",")
        try await model.save(on: database)
        return true
    }

    /// Turns two-step sign-in off (an admin's reset for a lost phone); the person sets it up again.
    public func resetTwoStep(_ id: StaffMember.ID) async throws {
        let model = try await model(id)
        model.totpSecret = nil
        model.totpLastCounter = nil
        model.recoveryCodes = nil
        try await model.save(on: database)
    }
}

extension StaffStore {
    /// Ends every session and API token the account has: from now on only a new sign-in counts.
    public func signOutEverywhere(_ id: StaffMember.ID, at now: Date) async throws {
        let model = try await model(id)
        model.sessionsValidFrom = now
        try await model.save(on: database)
        try await AccessStore(database).revokeTokens(of: id)
    }

    /// Sets a new password hash and signs the account out everywhere.
    public func setPasswordHash(_ hash: String, for id: StaffMember.ID, at now: Date) async throws {
        let model = try await model(id)
        model.passwordHash = hash
        try await model.save(on: database)
        try await signOutEverywhere(id, at: now)
        try await spendLinks(of: id, at: now)
    }

    public func passwordHash(of id: StaffMember.ID) async throws -> String { try await model(id).passwordHash }
}

extension StaffStore {
    /// Every account's stored two-step secret, as stored (sealed or not).
    public func twoStepSecrets() async throws -> [(StaffMember.ID, String)] {
        try await StaffModel.query(on: database).filter(\.$totpSecret != nil).all().compactMap { model in
            guard let id = model.id, let secret = model.totpSecret else { return nil }
            return (StaffMember.ID(id), secret)
        }
    }

    /// Replaces the stored form of an account's two-step secret (the same secret, sealed).
    public func replaceTwoStepSecret(of id: StaffMember.ID, with stored: String) async throws {
        guard let model = try await StaffModel.find(id.uuid, on: database) else { return }
        model.totpSecret = stored
        try await model.save(on: database)
    }

    /// Members of a council without two-step sign-in: when the council starts to require it, each is
    /// signed out everywhere (sessions and API tokens) and must set it up at their next sign-in.
    public func signOutMembersWithoutTwoStep(councilID: Council.ID, at now: Date) async throws -> [StaffMember.ID] {
        let models = try await StaffModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$totpSecret == nil).all()
        var ids: [StaffMember.ID] = []
        for model in models {
            guard let id = model.id else { continue }
            model.sessionsValidFrom = now
            try await model.save(on: database)
            try await AccessStore(database).revokeTokens(of: .init(id))
            ids.append(.init(id))
        }
        return ids
    }
}
