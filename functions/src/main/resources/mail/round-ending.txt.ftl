<#import "layout.txt.ftl" as layout>
<#assign subject = "Your round has ended: tell us how it went">
<@layout.page>
Hello ${givenName},

${roundTitle} ended<#if (roundEnds!"")?has_content> on ${roundEnds}</#if>. Thank you for taking part!

Please tell us how it went in a short survey (five questions). You can change your answers until ${surveyCloses}:
${surveyUrl}

Join <#if (nextRoundTitle!"")?has_content>${nextRoundTitle}<#else>the next round</#if> with the answers you gave for this one<#if (nextRoundOpens!"")?has_content> (applications open on ${nextRoundOpens})</#if>. You will be asked to confirm your address, and you will not be paired with anyone you have met before:
${joinUrl}

You are welcome to stay in touch with your partner.
</@layout.page>
