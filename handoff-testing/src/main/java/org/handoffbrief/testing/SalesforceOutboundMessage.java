package org.handoffbrief.testing;

import java.util.Objects;

/**
 * The SOAP body Salesforce posts for an Opportunity outbound message with one Closed-Won
 * notification, for routes that receive outbound messages: the shape the outbound message WSDL
 * documents ({@code notifications} with {@code OrganizationId}, {@code ActionId}, {@code SessionId},
 * the two URLs and each {@code Notification}'s {@code sObject}).
 */
public final class SalesforceOutboundMessage {
  private SalesforceOutboundMessage() {}

  /**
   * One won notification for {@code opportunityId} from organization {@code org}.
   *
   * @param wonAt the opportunity's {@code LastStageChangeDate} (ISO instant) when the admin includes
   *     that field in the message, or null to leave it out
   */
  public static String won(String org, String notificationId, String opportunityId, String wonAt) {
    Objects.requireNonNull(org, "org == null");
    Objects.requireNonNull(notificationId, "notificationId == null");
    Objects.requireNonNull(opportunityId, "opportunityId == null");
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
        """.formatted(org, notificationId, opportunityId, stageChange);
  }
}
