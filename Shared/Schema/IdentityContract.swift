/// Every message type of the identity contract, for registries (identity's own and its callers').
public enum IdentityContract {
    public static let messageTypes: [MessageType] = [
        ResolveCI.messageType, Resolution.messageType, ResolveBatch.messageType, ResolveBatchReply.messageType,
        ImportDirectoryFile.messageType, ImportAccepted.messageType, ImportStatus.messageType, ImportReport.messageType,
        ChangeNumber.messageType, CancelLine.messageType, LineUpdated.messageType,
        GiveConsent.messageType, WithdrawConsent.messageType, ConsentRecorded.messageType,
        DiscloseToThirdParty.messageType, FileLawfulAccess.messageType, LawfulAccessFiled.messageType,
        ApproveLawfulAccess.messageType, Disclosure.messageType, ListDisclosures.messageType, DisclosureList.messageType,
    ]
}

extension Resolution: BusMessage {
    public static let messageType = MessageType.reply("identity.resolve.reply")
}
