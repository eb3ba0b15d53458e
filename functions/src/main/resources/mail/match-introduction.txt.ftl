<#import "layout.txt.ftl" as layout>
<#import "partners.txt.ftl" as parts>
<#assign subject = "Meet your International Librarians Network partner">
<@layout.page>
Hello ${givenName},

Welcome to ${roundTitle}! <#if partners?size gt 1>You are in a group of three. Meet your partners:<#else>Meet your partner:</#if>

<@parts.list partners=partners reasons=reasons![]/>
<#if (roundEnds!"")?has_content>
The round runs until ${roundEnds}. </#if>Discussion points will reach you by email every few
weeks. Say hello soon!
</@layout.page>
