/// Every message type of the notifier contract, for registries (the notifier's own and its callers').
public enum NotifierContract {
    public static let messageTypes: [MessageType] = [
        SubmitNotice.messageType, NoticeAccepted.messageType, NoticeStatusQuery.messageType, NoticeStatus.messageType,
        NoticeTimelineQuery.messageType, NoticeTimeline.messageType, DeliveryReceipt.messageType,
        OpenNotice.messageType, CoverPage.messageType, RequestOTP.messageType, OTPSent.messageType,
        VerifyOTP.messageType, OTPCheck.messageType, ConsentToTerms.messageType, TermsConsented.messageType,
        ViewNotice.messageType, NoticeView.messageType,
        StartCampaign.messageType, CampaignStarted.messageType, CampaignProgressQuery.messageType,
        CampaignProgress.messageType, ControlCampaign.messageType, CampaignControlled.messageType,
        CarrierInboxQuery.messageType, CarrierInbox.messageType, ProviderHealthQuery.messageType,
        ProviderHealthReport.messageType, SendSMS.messageType, SMSAccepted.messageType,
    ]
}
