<#-- The partner details shared by the introduction and new-partner messages (text part). -->
<#macro row key value>
  ${(msg(key) + ": ")?right_pad(11)}${value}
</#macro>
<#macro list partners reasons>
<#list partners as p>
${isolate(p.givenName + p.familyName?has_content?then(" " + p.familyName, ""))}
<@row key="mail.partner.country" value=(p.countryCode??)?then(countryName(p.countryCode), p.country!"")/>
<#if (p.role!"")?has_content><@row key="mail.partner.role" value=isolate(p.role)/></#if>
<#if (p.sector!"")?has_content><@row key="mail.partner.library" value=p.sector/></#if>
<#if (p.careerStage!"")?has_content><@row key="mail.partner.career" value=p.careerStage/></#if>
<#if (p.interests![])?has_content><@row key="mail.partner.interests" value=p.interests?join(", ")/></#if>
<#if (p.languages![])?has_content><@row key="mail.partner.languages" value=p.languages?map(code -> languageName(code))?join(", ")/></#if>
<#if (p.sharedLanguages![])?has_content><@row key="mail.partner.shared" value=p.sharedLanguages?map(code -> languageName(code))?join(", ")/></#if>
<#if (p.timezone!"")?has_content><@row key="mail.partner.timezone" value=p.timezone/></#if>
<@row key="mail.partner.email" value=p.email/>

</#list>
<#if reasons?has_content>
${msg("mail.partners.why")}
<#list reasons as r>
- ${r}
</#list>

</#if>
${msg("mail.partners.ask")}
- ${msg("mail.partners.ask.write")}
- ${msg("mail.partners.ask.stay")}
- ${msg("mail.partners.ask.tell")}
</#macro>
