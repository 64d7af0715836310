package org.handoffbrief.samples;

/** What Salesforce posts to a host when the demo deal is won: the tests' events, written once. */
final class DemoEvents {
  private DemoEvents() {}

  /**
   * The demo org's outbound message for its Closed-Won deal, as Salesforce posts it, carrying
   * {@code LastStageChangeDate} when {@code wonAt} is given (an admin includes it among the fields).
   */
  static String outboundMessage(String notificationId, String wonAt) {
    String stageChange = wonAt == null ? ""
        : "\n         <sf:LastStageChangeDate>" + wonAt + "</sf:LastStageChangeDate>";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>%1$s</OrganizationId>
           <ActionId>04kHs000000Pq7XAAS</ActionId>
           <SessionId>%1$s!FAKE.outbound.session</SessionId>
           <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/65.0/%1$s</EnterpriseUrl>
           <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/65.0/%1$s</PartnerUrl>
           <Notification>
            <Id>%2$s</Id>
            <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>%3$s</sf:Id>
             <sf:IsWon>true</sf:IsWon>
             <sf:StageName>Closed Won</sf:StageName>%4$s
            </sObject>
           </Notification>
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """.formatted(DemoSalesforce.ORGANIZATION_ID, notificationId, DemoSalesforce.OPPORTUNITY_ID, stageChange);
  }
}
