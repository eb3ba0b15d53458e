<#import "layout.txt.ftl" as layout>
<#-- country is the ISO code; offerCountry (the roster's English name) is what mail sent before carries -->
<#assign countryShown = (country?length == 2)?then(countryName(country), offerCountry!country)>
<#assign subject = msg("mail.volunteerOffer.subject", countryShown)>
<@layout.page>
${msg("mail.hello")}

${msg("mail.volunteerOffer.intro")}

${msg("mail.volunteerOffer.name")}: ${isolate(name)}
${msg("mail.volunteerOffer.email")}: ${email}
${msg("mail.volunteerOffer.country")}: ${countryShown} (${country})
${msg("mail.volunteerOffer.languages")}: <#if languages?is_sequence>${languages?map(code -> languageName(code))?join(", ")}<#else>${languages}</#if>
${msg("mail.volunteerOffer.hours")}: ${hours}

${msg("mail.volunteerOffer.why")}
${isolate(why)}
</@layout.page>
