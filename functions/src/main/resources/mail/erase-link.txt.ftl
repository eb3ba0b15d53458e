<#import "layout.txt.ftl" as layout>
<#assign subject = "Erase your data from the International Librarians Network">
<@layout.page>
Hello,

Someone asked us to erase the data we hold about this email address. To erase it, open this
link within 24 hours and confirm:

${eraseUrl}

If you did not ask for this, ignore this message and nothing will change.
</@layout.page>
