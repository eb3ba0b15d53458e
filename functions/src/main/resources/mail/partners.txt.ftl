<#-- The partner details shared by the introduction and new-partner messages (text part). -->
<#macro list partners reasons>
<#list partners as p>
${p.givenName}<#if p.familyName?has_content> ${p.familyName}</#if>
  Country:   ${p.country!""}
<#if (p.role!"")?has_content>  Role:      ${p.role}
</#if><#if (p.sector!"")?has_content>  Library:   ${p.sector}
</#if><#if (p.careerStage!"")?has_content>  Career:    ${p.careerStage}
</#if><#if (p.interests![])?has_content>  Interests: ${p.interests?join(", ")}
</#if><#if (p.sharedLanguages![])?has_content>  Languages you share: ${p.sharedLanguages?join(", ")}
</#if><#if (p.timezone!"")?has_content>  Time zone: ${p.timezone}
</#if>  Email:     ${p.email}

</#list>
<#if reasons?has_content>
Why we paired you:
<#list reasons as r>
- ${r}
</#list>

</#if>
What we ask of you both:
- write to each other within a week of this message;
- stay in touch at least every two weeks until the round ends, using our discussion points
  or your own topics;
- tell us (just reply) if you cannot continue, so we can find your partner someone new.
</#macro>
