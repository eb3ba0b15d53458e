<#import "layout.txt.ftl" as layout>
<#assign subject = "Your round is ending: tell us how it went">
<@layout.page>
Hello ${givenName},

${roundTitle} ends<#if (roundEnds!"")?has_content> on ${roundEnds}</#if>. Thank you for taking part!

Please tell us how it went in a short survey (five minutes):
${surveyUrl}

You are welcome to stay in touch with your partner, and to apply again for the next round.
</@layout.page>
